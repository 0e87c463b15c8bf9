use proptest::prelude::*;

use super::*;

const ISSUE_74: &str = include_str!("../../../issues/74.toml");

fn set(article: Option<usize>, key: &str, value: Option<FieldValue>) -> Edit {
    Edit::Set {
        field: Field {
            article,
            image: None,
            key: Some(key.to_string()),
        },
        value,
    }
}

fn text(value: &str) -> Option<FieldValue> {
    Some(FieldValue::Text(value.to_string()))
}

fn articles(text: &str) -> Vec<toml::Table> {
    let table: toml::Table = toml::from_str(text).unwrap();
    let Some(articles) = table.get("articles") else {
        return Vec::new();
    };
    articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_table().unwrap().clone())
        .collect()
}

/// `before` and `after` differ only between a common prefix and suffix;
/// returns what was replaced and by what.
fn difference<'a>(before: &'a str, after: &'a str) -> (&'a str, &'a str) {
    let prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before[prefix..]
        .bytes()
        .rev()
        .zip(after[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (
        &before[prefix..before.len() - suffix],
        &after[prefix..after.len() - suffix],
    )
}

#[test]
fn a_new_title_changes_that_title_and_nothing_else() {
    let changed = apply(ISSUE_74, &[set(Some(2), "title", text("新的标题"))]).unwrap();
    let (old, new) = difference(ISSUE_74, &changed);
    assert_eq!(old, "举全市之力打造首都群众性科学文化活动盛宴");
    assert_eq!(new, "新的标题");
    assert_eq!(articles(&changed)[2]["title"].as_str(), Some("新的标题"));
}

#[test]
fn a_body_is_written_as_paragraphs_and_the_same_paragraphs_change_nothing() {
    let changed = apply(
        ISSUE_74,
        &[set(Some(1), "body", text("第一段。\n\n第二段。"))],
    )
    .unwrap();
    assert!(
        changed.contains("body = \"\"\"\n第一段。\n\n第二段。\n\"\"\"\n"),
        "{changed}"
    );
    let again = apply(
        &changed,
        &[set(Some(1), "body", text("第一段。\n\n\n第二段。\n"))],
    )
    .unwrap();
    assert_eq!(again, changed, "the same paragraphs are not written anew");
    assert_eq!(
        apply(ISSUE_74, &[set(None, "date", text("2023-08-11"))]).unwrap(),
        ISSUE_74
    );
}

#[test]
fn keys_are_added_in_their_place_and_removed_with_their_line() {
    // Article 2 has section, title, body: a source goes after the title.
    let changed = apply(ISSUE_74, &[set(Some(1), "source", text("市科协"))]).unwrap();
    let (old, new) = difference(ISSUE_74, &changed);
    assert_eq!(old, "");
    assert_eq!(new, "source = \"市科协\"\n");
    let at = changed.find(new).unwrap();
    assert!(changed[..at].ends_with("title = \"市科协召开主题教育学习研讨专题会\"\n"));

    let removed = apply(&changed, &[set(Some(1), "source", None)]).unwrap();
    assert_eq!(removed, ISSUE_74);
    let hidden = apply(
        ISSUE_74,
        &[set(Some(1), "contents", Some(FieldValue::Flag(false)))],
    )
    .unwrap();
    assert_eq!(articles(&hidden)[1]["contents"].as_bool(), Some(false));
    let year = apply(
        ISSUE_74,
        &[set(None, "year", Some(FieldValue::Number(2023)))],
    )
    .unwrap();
    assert!(
        year.contains("date = 2023-08-11\nyear = 2023\neditor"),
        "{year}"
    );
    assert_eq!(
        apply(ISSUE_74, &[set(Some(0), "title", None)]),
        Err(EditError::Required("title".into()))
    );
    assert_eq!(
        apply(ISSUE_74, &[set(None, "date", text("8月11日"))]),
        Err(EditError::WrongValue("date".into()))
    );
    assert_eq!(
        apply(ISSUE_74, &[set(Some(0), "tittle", text("x"))]),
        Err(EditError::UnknownKey("tittle".into()))
    );
    assert_eq!(
        apply(ISSUE_74, &[set(Some(40), "title", text("x"))]),
        Err(EditError::NoArticle(40))
    );
}

#[test]
fn articles_move_as_blocks_and_what_stands_between_them_stays() {
    let text = "total = 1 # the first\n\n# about A\n[[articles]]\ntitle = \"A\"\nbody = \"a\"\n\n\
                [[articles]]\ntitle = \"B\" # b\nbody = \"\"\"\n#b\"\"\"\n[[articles.images]]\npath = \"p.png\"\n\n\
                # between\n\n[[articles]]\ntitle = \"C\"\nbody = \"c\"";
    // The blocks change places; the comment between the second and the
    // third stays between the second and the third.
    let moved = apply(text, &[Edit::MoveArticle { from: 0, to: 2 }]).unwrap();
    assert_eq!(
        moved,
        "total = 1 # the first\n\n[[articles]]\ntitle = \"B\" # b\nbody = \"\"\"\n#b\"\"\"\n[[articles.images]]\npath = \"p.png\"\n\n\
         [[articles]]\ntitle = \"C\"\nbody = \"c\"\n\n# between\n\n# about A\n[[articles]]\ntitle = \"A\"\nbody = \"a\"\n"
    );
    let back = apply(&moved, &[Edit::MoveArticle { from: 2, to: 0 }]).unwrap();
    assert_eq!(back, format!("{text}\n"));
}

#[test]
fn a_deleted_article_comes_back_as_it_was() {
    for n in 0..8 {
        let block = article_text(ISSUE_74, n).unwrap();
        let deleted = apply(ISSUE_74, &[Edit::DeleteArticle { article: n }]).unwrap();
        assert_eq!(articles(&deleted).len(), articles(ISSUE_74).len() - 1);
        assert!(!deleted.contains(&block));
        let undone = apply(&deleted, &[Edit::InsertArticle { at: n, text: block }]).unwrap();
        assert_eq!(undone, ISSUE_74, "article {n}");
    }
    assert_eq!(
        apply(
            ISSUE_74,
            &[Edit::InsertArticle {
                at: 0,
                text: "total = 3\n".into()
            }]
        ),
        Err(EditError::NotOneArticle)
    );
}

#[test]
fn new_articles_and_pictures_go_where_asked() {
    let added = apply(
        ISSUE_74,
        &[Edit::AddArticle {
            at: 2,
            section: Some("科普工作".into()),
        }],
    )
    .unwrap();
    let at = ISSUE_74
        .find("[[articles]]\nsection = \"科普工作\"")
        .unwrap();
    let new = "[[articles]]\nsection = \"科普工作\"\ntitle = \"\"\nbody = \"\"\"\n\"\"\"\n\n";
    assert_eq!(
        added,
        format!("{}{new}{}", &ISSUE_74[..at], &ISSUE_74[at..])
    );
    assert_eq!(articles(&added)[2]["title"].as_str(), Some(""));
    let last = apply(
        ISSUE_74,
        &[Edit::AddArticle {
            at: 8,
            section: None,
        }],
    )
    .unwrap();
    assert!(last.ends_with("\"\"\"\n\n[[articles]]\ntitle = \"\"\nbody = \"\"\"\n\"\"\"\n"));

    let with_picture = apply(
        ISSUE_74,
        &[Edit::AddImage {
            article: 0,
            path: "images/74/会议.jpg".into(),
            caption: Some("会议现场".into()),
            after: Some(1),
        }],
    )
    .unwrap();
    let image = &articles(&with_picture)[0]["images"][0];
    assert_eq!(image["path"].as_str(), Some("images/74/会议.jpg"));
    assert_eq!(image["after"].as_integer(), Some(1));
    let caption = Edit::Set {
        field: Field {
            article: Some(0),
            image: Some(0),
            key: Some("height".into()),
        },
        value: text("60mm"),
    };
    let taller = apply(&with_picture, &[caption]).unwrap();
    assert_eq!(
        articles(&taller)[0]["images"][0]["height"].as_str(),
        Some("60mm")
    );
    let removed = apply(
        &taller,
        &[Edit::RemoveImage {
            article: 0,
            image: 0,
        }],
    )
    .unwrap();
    assert_eq!(removed, ISSUE_74);
}

#[test]
fn windows_line_ends_stay_windows_line_ends() {
    let text = "total = 1\r\nnumber = 1\r\n\r\n[[articles]]\r\ntitle = \"A\"\r\nbody = \"a\"\r\n";
    let changed = apply(
        text,
        &[
            set(Some(0), "body", text_value("一。\n\n二。")),
            set(Some(0), "source", text_value("来源")),
            Edit::AddArticle {
                at: 1,
                section: None,
            },
        ],
    )
    .unwrap();
    assert!(!changed.replace("\r\n", "").contains('\n'), "{changed:?}");
    assert_eq!(articles(&changed).len(), 2);
}

fn text_value(value: &str) -> Option<FieldValue> {
    text(value)
}

#[test]
fn a_fix_replaces_what_it_found_or_nothing() {
    let at = ISSUE_74.find("张红波").unwrap();
    let fix = |expected: &str| Edit::Replace {
        start: at,
        end: at + "张红波".len(),
        expected: expected.into(),
        replacement: "张红".into(),
    };
    let fixed = apply(ISSUE_74, &[fix("张红波")]).unwrap();
    assert!(fixed.contains("editor = \"张红\"\n"));
    assert_eq!(
        apply(ISSUE_74, &[fix("李金涛")]),
        Err(EditError::TextChanged)
    );
}

#[test]
fn fields_are_found_by_where_they_are_written() {
    let at = |needle: &str| ISSUE_74.find(needle).unwrap();
    let field = |article: Option<usize>, key: &str| {
        Some(Field {
            article,
            image: None,
            key: Some(key.to_string()),
        })
    };
    assert_eq!(field_at(ISSUE_74, at("张红波")), field(None, "editor"));
    assert_eq!(
        field_at(ISSUE_74, at("第二次会议在")),
        field(Some(0), "body")
    );
    assert_eq!(
        field_at(ISSUE_74, at("创新服务中心\"")),
        field(Some(3), "source")
    );
    assert_eq!(field_at(ISSUE_74, 0), None, "the comment above everything");
    let header = at("[[articles]]\nsection = \"主题教育\"");
    assert_eq!(
        field_at(ISSUE_74, header),
        Some(Field {
            article: Some(1),
            ..Field::default()
        })
    );
}

#[test]
fn the_form_shows_the_values_decoded() {
    let form = form(ISSUE_74).unwrap();
    assert_eq!(form.total.as_deref(), Some("74"));
    assert_eq!(form.date.as_deref(), Some("2023-08-11"));
    assert_eq!(form.articles.len(), 8);
    assert_eq!(
        form.articles[3].contents,
        Some(FieldValue::Flag(false)),
        "not listed"
    );
    assert_eq!(
        form.articles[6].title.as_deref(),
        Some("门头沟区科协积极参与防汛抢险救灾工作\n并组织科技企业向灾区捐款")
    );
    assert!(
        form.articles[0]
            .body
            .as_deref()
            .unwrap()
            .starts_with("8月9日")
    );
}

// Property tests: issues written in many ways, edited at random.

/// Text an editor may type: Chinese, quotes, backslashes, TOML's own
/// marks.
fn typed() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("科协".to_string()),
            Just("，".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("#".to_string()),
            Just("'''".to_string()),
            Just("\"\"\"".to_string()),
            Just("[[articles]]".to_string()),
            Just(" ".to_string()),
            Just("a".to_string()),
            Just("\t".to_string()),
        ],
        1..8,
    )
    .prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone)]
struct Written {
    section: Option<String>,
    title: String,
    source: Option<String>,
    body: Vec<String>,
    /// A comment line above the header.
    comment: bool,
    /// Blank lines after the block.
    blanks: usize,
}

fn written_article() -> impl Strategy<Value = Written> {
    (
        proptest::option::of(prop_oneof![Just("科普工作"), Just("基层动态")]),
        typed(),
        proptest::option::of(typed()),
        proptest::collection::vec(typed(), 1..3),
        any::<bool>(),
        0..3usize,
    )
        .prop_map(|(section, title, source, body, comment, blanks)| Written {
            section: section.map(str::to_string),
            title,
            source,
            body: body
                .into_iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            comment,
            blanks,
        })
}

fn issue_text(articles: &[Written], crlf: bool) -> String {
    let mut text = String::from("# 总第9期\ntotal = 9\nnumber = 1\ndate = 2024-01-05\n\n");
    for article in articles {
        if article.comment {
            text.push_str("# 稿件\n");
        }
        text.push_str("[[articles]]\n");
        if let Some(section) = &article.section {
            text.push_str(&format!("section = {}\n", toml_write::basic(section)));
        }
        text.push_str(&format!(
            "title = {}  # 标题\n",
            toml_write::basic(&article.title)
        ));
        if let Some(source) = &article.source {
            text.push_str(&format!("source = '''{}'''\n", source.replace('\'', "’")));
        }
        text.push_str(&format!(
            "body = {}\n",
            toml_write::multiline(&article.body)
        ));
        text.push_str(&"\n".repeat(article.blanks));
    }
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

#[derive(Debug, Clone)]
enum Asked {
    Set(usize, &'static str, Option<String>),
    Add(usize),
    Delete(usize),
    Move(usize, usize),
}

fn asked() -> impl Strategy<Value = Asked> {
    prop_oneof![
        (
            0..6usize,
            prop_oneof![Just("title"), Just("body"), Just("note")],
            typed()
        )
            .prop_map(|(n, key, value)| Asked::Set(n, key, Some(value))),
        (
            0..6usize,
            prop_oneof![Just("source"), Just("section"), Just("note")],
            proptest::option::of(typed())
        )
            .prop_map(|(n, key, value)| Asked::Set(n, key, value)),
        (0..7usize).prop_map(Asked::Add),
        (0..6usize).prop_map(Asked::Delete),
        (0..6usize, 0..6usize).prop_map(|(a, b)| Asked::Move(a, b)),
    ]
}

/// An article's values as read.
fn values(article: &toml::Table) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = article
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_string),
            )
        })
        .collect();
    values.sort();
    values
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn an_edit_changes_its_target_only(
        written in proptest::collection::vec(written_article(), 1..5),
        crlf in any::<bool>(),
        asked in asked(),
    ) {
        let text = issue_text(&written, crlf);
        let before = articles(&text);
        let n = before.len();
        let blocks: Vec<String> = (0..n).map(|i| article_text(&text, i).unwrap()).collect();
        let edit = match &asked {
            Asked::Set(a, key, value) => set(Some(*a), key, value.clone().map(FieldValue::Text)),
            Asked::Add(at) => Edit::AddArticle { at: *at, section: None },
            Asked::Delete(a) => Edit::DeleteArticle { article: *a },
            Asked::Move(a, b) => Edit::MoveArticle { from: *a, to: *b },
        };
        let result = apply(&text, std::slice::from_ref(&edit));
        let out_of_range = match &asked {
            Asked::Set(a, ..) | Asked::Delete(a) => *a >= n,
            Asked::Add(at) => *at > n,
            Asked::Move(a, b) => *a >= n || *b >= n,
        };
        if out_of_range {
            prop_assert!(matches!(result, Err(EditError::NoArticle(_))));
            return Ok(());
        }
        let changed = result.unwrap();
        prop_assert_eq!(changed.contains('\n') && !changed.replace("\r\n", "").contains('\n'), crlf);
        let after = articles(&changed);
        // What stays: the top of the file, and the other articles, as
        // values and as written.
        let untouched: Vec<usize> = match &asked {
            Asked::Set(a, ..) => (0..n).filter(|i| i != a).collect(),
            _ => (0..n).collect(),
        };
        let expected_order: Vec<Option<usize>> = match &asked {
            Asked::Set(..) => (0..n).map(Some).collect(),
            Asked::Add(at) => {
                let mut order: Vec<Option<usize>> = (0..n).map(Some).collect();
                order.insert(*at, None);
                order
            }
            Asked::Delete(a) => (0..n).filter(|i| i != a).map(Some).collect(),
            Asked::Move(a, b) => {
                let mut order: Vec<Option<usize>> = (0..n).map(Some).collect();
                let moved = order.remove(*a);
                order.insert(*b, moved);
                order
            }
        };
        prop_assert_eq!(after.len(), expected_order.len());
        let nl = if crlf { "\r\n" } else { "\n" };
        let head = format!("# 总第9期{nl}total = 9{nl}number = 1{nl}date = 2024-01-05{nl}");
        prop_assert!(changed.starts_with(&head), "{}", changed);
        for (slot, was) in expected_order.iter().enumerate() {
            match was {
                Some(i) if untouched.contains(i) => {
                    prop_assert_eq!(values(&after[slot]), values(&before[*i]));
                    let block = article_text(&changed, slot).unwrap();
                    prop_assert_eq!(block.trim_end(), blocks[*i].trim_end());
                }
                Some(i) => {
                    // The one set: its key as asked, its other keys as they were.
                    let Asked::Set(_, key, value) = &asked else { unreachable!() };
                    let read = after[slot].get(*key).and_then(|v| v.as_str()).map(str::to_string);
                    let expected = value.clone();
                    match (*key, expected) {
                        ("body" | "note", Some(v)) => prop_assert_eq!(
                            read.map(|r| toml_write::typed_paragraphs(&r)),
                            Some(toml_write::typed_paragraphs(&v))
                        ),
                        (_, expected) => prop_assert_eq!(read, expected),
                    }
                    let others = |t: &toml::Table| {
                        values(t).into_iter().filter(|(k, _)| k != key).collect::<Vec<_>>()
                    };
                    prop_assert_eq!(others(&after[slot]), others(&before[*i]));
                }
                None => {
                    prop_assert_eq!(after[slot]["title"].as_str(), Some(""));
                }
            }
        }
    }
}

/// Whatever numbers a request carries, an edit is made or refused with a
/// message; nothing overflows or slices out of bounds.
#[test]
fn the_largest_numbers_are_refused_not_panicked_on() {
    let huge = usize::MAX;
    let edits = [
        set(Some(huge), "title", text("x")),
        Edit::Set {
            field: Field {
                article: Some(0),
                image: Some(huge),
                key: Some("caption".to_string()),
            },
            value: text("x"),
        },
        Edit::AddArticle {
            at: huge,
            section: None,
        },
        Edit::InsertArticle {
            at: huge,
            text: "[[articles]]\ntitle = \"x\"\nbody = \"y\"\n".to_string(),
        },
        Edit::DeleteArticle { article: huge },
        Edit::MoveArticle { from: 0, to: huge },
        Edit::MoveArticle { from: huge, to: 0 },
        Edit::AddImage {
            article: huge,
            path: "images/74/a.png".to_string(),
            caption: None,
            after: None,
        },
        Edit::AddImage {
            article: 0,
            path: "images/74/a.png".to_string(),
            caption: None,
            after: Some(huge),
        },
        Edit::RemoveImage {
            article: 0,
            image: huge,
        },
        Edit::Replace {
            start: huge,
            end: huge,
            expected: String::new(),
            replacement: "x".to_string(),
        },
        Edit::Replace {
            start: 10,
            end: 2,
            expected: String::new(),
            replacement: "x".to_string(),
        },
        Edit::Replace {
            start: 1,
            end: 2,
            expected: "x".to_string(),
            replacement: "y".to_string(),
        },
    ];
    for edit in edits {
        let done = std::panic::catch_unwind(|| apply(ISSUE_74, std::slice::from_ref(&edit)));
        match done {
            Ok(Ok(text)) => {
                toml::from_str::<toml::Table>(&text).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
            }
            Ok(Err(error)) => assert!(!error.to_string().is_empty()),
            Err(_) => panic!("{edit:?} panicked"),
        }
    }
}

//! What a reader of printed issue 74 checks, read from Typst's laid-out
//! frames: masthead, contents, sections, titles, every paragraph, the
//! attributions, page numbers, the 报尾, the page and the grid.

use crate::support;

use support::{
    BODY_FACE, BOTTOM, HEADING_FACE, KAI_FACE, MM, NUMBER_FACE, PITCH, Page, Run, TITLE_FACE, TOP,
    WIDTH, close, extent, issue_74, issue_74_as_read, left, line_text, lines, pages, right,
};

const RED: [u8; 4] = [0xE6, 0x00, 0x12, 0xFF];

fn all_pages() -> Vec<Page> {
    pages(issue_74())
}

fn all_runs() -> Vec<Run> {
    all_pages().into_iter().flat_map(|p| p.runs).collect()
}

#[test]
fn pages_are_a4() {
    let pages = all_pages();
    assert!(pages.len() >= 2, "issue 74 fills several pages");
    for page in &pages {
        assert!(close(page.width, 210.0 * MM, 0.01) && close(page.height, 297.0 * MM, 0.01));
    }
}

#[test]
fn masthead_is_large_red_centred_and_on_page_one_only() {
    let runs = all_runs();
    let large_red: Vec<&Run> = runs
        .iter()
        .filter(|r| r.fill == RED && r.size >= 36.0)
        .collect();
    let text: String = large_red.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(text, "科协每周动态");
    assert!(
        large_red
            .iter()
            .all(|r| r.page == 1 && r.face == TITLE_FACE)
    );
    let start = large_red.iter().map(|r| r.x).fold(f64::MAX, f64::min);
    let end = large_red
        .iter()
        .map(|r| r.x + r.width)
        .fold(f64::MIN, f64::max);
    let centre = left(1) + WIDTH / 2.0;
    assert!(
        close((start + end) / 2.0, centre, 1.0),
        "name centred: {start}..{end}"
    );
    assert!(
        large_red[0].y > TOP && large_red[0].y < TOP + 3.0 * PITCH,
        "at the top of page 1"
    );
}

#[test]
fn issue_line_publisher_and_date_sit_under_the_name() {
    let pages = all_pages();
    let page_1 = lines(&pages[0].runs);
    let name_y = page_1
        .iter()
        .find(|l| line_text(l) == "科协每周动态")
        .unwrap()[0]
        .y;

    let issue_line = page_1
        .iter()
        .find(|l| line_text(l) == "2023年第21期（总第74期）")
        .unwrap();
    let (start, end) = extent(issue_line);
    assert!(issue_line[0].y > name_y);
    assert!(
        close((start + end) / 2.0, left(1) + WIDTH / 2.0, 1.0),
        "issue line centred"
    );
    assert!(close(issue_line[0].size, 16.0, 0.01));

    let row = page_1
        .iter()
        .find(|l| line_text(l) == "北京市科协办公室2023年8月11日")
        .unwrap();
    assert!(row[0].y > issue_line[0].y);
    let publisher = row.first().unwrap();
    let date = row.last().unwrap();
    assert!(publisher.text.starts_with("北京市科协办公室") && close(publisher.x, left(1), 0.5));
    assert!(date.text.ends_with('日') && close(date.x + date.width, right(1), 1.0));

    let rule = pages[0]
        .rules
        .iter()
        .find(|r| r.color == RED && r.y0 > row[0].y)
        .expect("a red rule under the publisher and date");
    assert!(rule.y0 - row[0].y < 12.0, "just below that line");
    assert!(
        (0.75 * MM..=1.0 * MM).contains(&rule.thickness),
        "0.75–1 mm thick: {}",
        rule.thickness
    );
    assert!(
        close(rule.x0, left(1), 0.5) && close(rule.x1, right(1), 0.5),
        "full width"
    );
}

#[test]
fn contents_lists_the_six_entries_of_the_reference_in_order() {
    let page_1 = lines(&all_pages()[0].runs);
    let heading = page_1
        .iter()
        .position(|l| line_text(l) == "目录提要")
        .expect("contents heading");
    assert_eq!(page_1[heading][0].face, HEADING_FACE);
    let mut entries: Vec<String> = Vec::new();
    for line in &page_1[heading + 1..] {
        if line[0].face != KAI_FACE {
            break;
        }
        let text = line_text(line);
        match text.strip_prefix('●') {
            Some(entry) => entries.push(entry.to_string()),
            None => entries.last_mut().expect("a wrapped entry").push_str(&text),
        }
    }
    assert_eq!(
        entries,
        [
            "北京市全民科学素质工作第二次会议召开",
            "市科协召开主题教育学习研讨专题会",
            "举全市之力打造首都群众性科学文化活动",
            "国际科技组织总部集聚区举办主题沙龙",
            "石景山区科协第九次代表大会召开",
            "门头沟区科协积极参与防汛抢险救灾",
        ]
    );
}

#[test]
fn section_headings_appear_once_per_run_in_order() {
    let headings: Vec<String> = lines(&all_runs())
        .iter()
        .filter(|l| l[0].face == HEADING_FACE && line_text(l).starts_with('【'))
        .map(|l| {
            assert!(close(l[0].x, left(l[0].page), 0.5), "flush left");
            assert!(close(l[0].size, 16.0, 0.01));
            line_text(l)
        })
        .collect();
    assert_eq!(
        headings,
        [
            "【主题教育】",
            "【科普工作】",
            "【科创工作】",
            "【国际科技交流】",
            "【基层动态】"
        ]
    );
}

#[test]
fn titles_are_centred_in_the_title_face_and_keep_forced_breaks() {
    let title_lines: Vec<Vec<Run>> = lines(&all_runs())
        .into_iter()
        .filter(|l| l[0].face == TITLE_FACE && l[0].size < 36.0)
        .collect();
    for line in &title_lines {
        let (start, end) = extent(line);
        let page = line[0].page;
        assert!(
            close((start + end) / 2.0, left(page) + WIDTH / 2.0, 1.0),
            "centred: {}",
            line_text(line)
        );
        assert!((18.0..=22.0).contains(&line[0].size));
    }
    let texts: Vec<String> = title_lines.iter().map(|l| line_text(l)).collect();
    let forced = texts
        .iter()
        .position(|t| t == "门头沟区科协积极参与防汛抢险救灾工作")
        .expect("first line");
    assert_eq!(texts[forced + 1], "并组织科技企业向灾区捐款");
    let joined: String = texts.concat();
    for article in issue_74_as_read().articles {
        assert!(
            joined.contains(&article.title.concat()),
            "title printed: {:?}",
            article.title
        );
    }
}

/// The body text, in reading order, as one string per printed line.
fn body_lines() -> Vec<Vec<Run>> {
    lines(&all_runs())
        .into_iter()
        .filter(|l| {
            l.iter()
                .any(|r| r.face == BODY_FACE && close(r.size, 16.0, 0.01))
        })
        .filter(|l| !(l[0].page == 1 && l[0].y < TOP + 5.0 * PITCH))
        .collect()
}

/// The text of a line set in the body face (not an attribution beside it).
fn body_text(line: &[Run]) -> String {
    line.iter()
        .filter(|r| r.face == BODY_FACE)
        .map(|r| r.text.as_str())
        .collect()
}

#[test]
fn every_paragraph_is_printed_in_order_in_the_body_face() {
    let lines = body_lines();
    let stream: String = lines.iter().map(|l| body_text(l)).collect();
    let mut from = 0;
    for (a, article) in issue_74_as_read().articles.iter().enumerate() {
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            match stream[from..].find(paragraph.as_str()) {
                Some(at) => from += at + paragraph.len(),
                None => panic!(
                    "article {} paragraph {} not printed in order: {paragraph}",
                    a + 1,
                    p + 1
                ),
            }
        }
    }
    for line in &lines {
        for run in line.iter().filter(|r| r.face == BODY_FACE) {
            assert!(close(run.size, 16.0, 0.01), "body text is 16 pt (三号)");
        }
    }
}

#[test]
fn each_attribution_ends_its_article_flush_right_in_kai() {
    let lines = lines(&all_runs());
    let issue = issue_74_as_read();
    let sources: Vec<&str> = issue
        .articles
        .iter()
        .filter_map(|a| a.source.as_deref())
        .collect();
    assert_eq!(sources.len(), 5);
    for article in issue.articles.iter().filter(|a| a.source.is_some()) {
        let printed = format!("（{}）", article.source.as_ref().unwrap());
        let at = lines
            .iter()
            .position(|l| l.last().is_some_and(|r| r.text == printed))
            .unwrap_or_else(|| panic!("{printed} printed at the end of a line"));
        let run = lines[at].last().unwrap();
        assert_eq!(run.face, KAI_FACE);
        assert!(
            close(run.x + run.width, right(run.page), 1.0),
            "{printed} flush right"
        );
        // The text before it (on its line or the line above) ends the last paragraph.
        let before: String = lines[at.saturating_sub(1)..=at]
            .iter()
            .map(|l| body_text(l))
            .collect();
        let last = article.paragraphs.last().unwrap();
        let tail: String = last
            .chars()
            .rev()
            .take(6)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(
            before.ends_with(&tail),
            "{printed} follows the end of its article: {before}"
        );
    }
}

#[test]
fn body_lines_sit_on_a_22_line_grid_of_28_characters() {
    let lines = body_lines();
    let mut per_page: std::collections::BTreeMap<usize, Vec<f64>> = Default::default();
    for line in &lines {
        per_page.entry(line[0].page).or_default().push(line[0].y);
        let (start, end) = extent(line);
        // Justification adds its space after each character, so the last
        // advance may pass the edge by that space; the ink does not.
        assert!(
            start >= left(line[0].page) - 0.5 && end <= right(line[0].page) + 2.0,
            "inside the measure: {start}..{end} on page {}: {}",
            line[0].page,
            line_text(line)
        );
        // Compressed punctuation (GB/T 15834) may let a line hold a
        // character more; ideographs alone never exceed 28.
        let text = line_text(line);
        let ideographs = text
            .chars()
            .filter(|c| c.is_alphabetic() && bulletin::text::is_wide(*c))
            .count();
        assert!(ideographs <= 28, "at most 28 characters: {text}");
    }
    // The same grid on every page, so that lines back each other in duplex.
    let first_line = TOP + 0.88 * 16.0;
    let mut lowest_line = 0.0_f64;
    for (page, ys) in &per_page {
        for y in ys {
            let steps = (y - first_line) / PITCH;
            assert!(
                close(steps, steps.round(), 0.02),
                "page {page}: baseline {y} off the grid"
            );
            lowest_line = lowest_line.max(steps.round() + 1.0);
        }
    }
    assert_eq!(lowest_line, 22.0, "a full page holds 22 lines, no more");
    let longest = lines
        .iter()
        .map(|l| {
            line_text(l)
                .chars()
                .filter(|&c| bulletin::text::is_wide(c))
                .count()
        })
        .max();
    assert!(
        longest >= Some(28),
        "a full line of Chinese holds 28 characters"
    );
}

#[test]
fn no_paragraph_ends_with_a_lone_character_and_no_page_ends_with_a_heading() {
    let lines = lines(&all_runs());
    for (i, line) in lines.iter().enumerate() {
        let text = line_text(line);
        let is_body = line
            .iter()
            .all(|r| r.face == BODY_FACE || r.face == KAI_FACE)
            && close(line[0].size, 16.0, 0.01);
        let next_starts_paragraph = lines
            .get(i + 1)
            .is_none_or(|next| next[0].x > left(next[0].page) + 16.0);
        if is_body && next_starts_paragraph {
            // Characters of the paragraph itself: not its punctuation, not
            // the attribution that may share its last line.
            let own = body_text(line)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count();
            assert!(own >= 2, "单字成行: {text:?} on page {}", line[0].page);
        }
    }
    for page in all_pages() {
        let page_lines = support::lines(&page.runs);
        let last = page_lines
            .iter()
            .rev()
            .find(|l| l[0].face != NUMBER_FACE)
            .unwrap();
        assert!(
            last[0].face != TITLE_FACE && last[0].face != HEADING_FACE,
            "page {} ends with a heading: {}",
            last[0].page,
            line_text(last)
        );
    }
}

#[test]
fn page_numbers_alternate_sides_below_the_type_area() {
    for (i, page) in all_pages().iter().enumerate() {
        let n = i + 1;
        let runs: Vec<Run> = page
            .runs
            .iter()
            .filter(|r| r.face == NUMBER_FACE)
            .cloned()
            .collect();
        let number = lines(&runs).pop().expect("a page number");
        assert_eq!(line_text(&number), format!("— {n} —"));
        assert!(close(number[0].size, 14.0, 0.01));
        // The line box's top is 7 mm below the type area.
        assert!(
            close(number[0].y - 0.88 * 14.0, BOTTOM + 7.0 * MM, 0.5),
            "7 mm below: {}",
            number[0].y
        );
        let (start, end) = extent(&number);
        if n % 2 == 1 {
            assert!(
                close(end, right(n) - 14.0, 1.0),
                "odd pages: flush right, one character in: {end} vs {}",
                right(n) - 14.0
            );
        } else {
            assert!(
                close(start, left(n) + 14.0, 1.0),
                "even pages: flush left, one character in"
            );
        }
    }
}

#[test]
fn closing_block_sits_at_the_foot_of_the_last_page() {
    let pages = all_pages();
    let last = pages.last().unwrap();
    let rows: Vec<String> = support::lines(&last.runs)
        .iter()
        .filter(|l| close(l[0].size, 14.0, 0.01) && l[0].face == BODY_FACE)
        .map(|l| line_text(l))
        .collect();
    assert_eq!(rows[0], "信息报送邮箱：skxxxbs@bast.net.cn");
    assert_eq!(rows[1], "编辑：张红波审核：李金涛");
    assert!(rows[2].starts_with("分送：市科协第十届委员会主席、副主席、常委、委员"));
    assert_eq!(rows.last().unwrap(), "机关各部门及事业单位");
    for page in &pages[..pages.len() - 1] {
        assert!(
            !page.runs.iter().any(|r| r.text.contains("分送")),
            "报尾 only on the last page"
        );
    }

    let lowest = last.rules.iter().map(|r| r.y0).fold(f64::MIN, f64::max);
    assert!(
        close(lowest, BOTTOM, 0.6),
        "its bottom rule lies on the type area's bottom edge: {lowest}"
    );
    let mut thicknesses: Vec<f64> = last
        .rules
        .iter()
        .filter(|r| r.y0 > BOTTOM - 200.0)
        .map(|r| r.thickness / MM)
        .collect();
    thicknesses.sort_by(f64::total_cmp);
    assert!(close(*thicknesses.last().unwrap(), 0.35, 0.01) && close(thicknesses[0], 0.25, 0.01));

    // Editor flush left, reviewer flush right.
    let names = support::lines(&last.runs)
        .into_iter()
        .find(|l| line_text(l).starts_with("编辑"))
        .unwrap();
    assert!(close(names[0].x, left(pages.len()) + 14.0, 0.5));
    let reviewer = names.last().unwrap();
    assert!(close(
        reviewer.x + reviewer.width,
        right(pages.len()) - 14.0,
        0.5
    ));

    // It never overlaps text: everything else on the page is above it.
    let top_rule = last
        .rules
        .iter()
        .filter(|r| r.y0 > BOTTOM - 200.0)
        .map(|r| r.y0)
        .fold(f64::MAX, f64::min);
    assert!(
        last.runs
            .iter()
            .filter(|r| r.size == 16.0)
            .all(|r| r.y < top_rule)
    );
}

/// Chinese marks that sit beside others in pairs (”、“) or alone.
const MARKS: &str = "、，。：；！？（）《》【】「」『』〔〕“”‘’…—";

fn is_ideograph(c: char) -> bool {
    bulletin::text::is_wide(c) && c.is_alphabetic()
}

/// What the punctuation of issue 74's body and notes looks like on the
/// laid-out lines: lone marks (、，。：；！？ with no other mark beside them)
/// in mid-line set narrower than 0.9 em, and the widest gap between two
/// ideographs beyond their own cells, in em.
fn punctuation_widths() -> (Vec<String>, f64) {
    let glyphs = support::glyphs(&issue_74().document);
    let lines = lines(&glyphs);
    let char_width = WIDTH / 28.0;
    let mut squeezed = Vec::new();
    let mut widest_gap = 0.0_f64;
    for line in lines.iter().filter(|l| {
        l.iter().all(|g| {
            (g.face == BODY_FACE || g.face == KAI_FACE || g.face == HEADING_FACE)
                && close(g.size, 16.0, 0.01)
        }) && l.len() > 20
    }) {
        let text: String = line.iter().map(|g| g.c).collect();
        for i in 1..line.len().saturating_sub(1) {
            let (prev, here, next) = (&line[i - 1], &line[i], &line[i + 1]);
            if "、，。：；！？".contains(here.c)
                && !MARKS.contains(prev.c)
                && !MARKS.contains(next.c)
            {
                let cell = next.x - here.x;
                if cell < 0.9 * here.size {
                    squeezed.push(format!(
                        "page {}: {:.2} em “{}” in {text}",
                        here.page,
                        cell / here.size,
                        here.c
                    ));
                }
            }
            if is_ideograph(here.c) && is_ideograph(next.c) && here.face == BODY_FACE {
                let gap = (next.x - here.x - char_width) / here.size;
                widest_gap = widest_gap.max(gap);
            }
        }
    }
    (squeezed, widest_gap)
}

#[test]
fn lone_marks_keep_their_full_width_and_lines_stay_even() {
    let (squeezed, widest_gap) = punctuation_widths();
    // Shown with --nocapture: the figures of the change.
    eprintln!(
        "lone mid-line marks narrower than 0.9 em: {}; widest gap between ideographs: {widest_gap:.3} em",
        squeezed.len()
    );
    assert!(
        squeezed.is_empty(),
        "squeezed lone marks:\n{}",
        squeezed.join("\n")
    );
    assert!(
        widest_gap <= 0.1,
        "a gap of {widest_gap:.3} em between two ideographs"
    );
}

//! The desk in a real browser, as an editor uses it: Debian's headless
//! Chromium driven through chromedriver (WebDriver), on a desk serving a
//! temporary copy of the publication. Each flow types, clicks and drops as
//! the editor would, then checks the issue file on disk and what the page
//! shows. A browser that cannot start fails the test.
//!
//! `BULLETIN_SCREENSHOT=docs/images/desk.png cargo test --test browser`
//! also writes the README's picture of the desk.

// What the tests of tests/all share, among them the desk on a copy of
// the publication.
#[path = "../all/support/mod.rs"]
mod support;
mod webdriver;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::ISSUE_74 as ISSUE;
use support::desk::{self, Served};
use webdriver::{Browser, Element};

/// One browser at a time: two cores serve them all.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const LONG: Duration = Duration::from_secs(60);

/// Ctrl-A then the text: what an editor types over a field's text.
fn over(text: &str) -> String {
    format!("\u{E009}a\u{E000}{text}")
}

/// The desk of issue 74, open and built.
fn open(served: &Served) -> Browser {
    open_at(served, 1600, 1000)
}

/// The desk of issue 74 in a window `width` × `height`, open and built.
fn open_at(served: &Served, width: u32, height: u32) -> Browser {
    let browser = Browser::start(width, height);
    browser.go(&format!("{}/issues/74", served.base));
    browser.wait_until(
        "the desk",
        LONG,
        "return document.body.dataset.ready === 'true'",
        json!([]),
    );
    browser.wait_until(
        "the pages",
        LONG,
        "return document.querySelectorAll('figure.page[data-shown]').length === 9",
        json!([]),
    );
    browser
}

/// Waits until the issue file on disk satisfies `wanted`.
fn file_until(served: &Served, what: &str, wanted: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let text = served.read(ISSUE);
        if wanted(&text) {
            return text;
        }
        assert!(started.elapsed() < LONG, "the file never {what}:\n{text}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn titles(text: &str) -> Vec<String> {
    let table: toml::Table = toml::from_str(text).unwrap();
    table["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

/// The digests of the pages the browser shows.
fn shown_pages(browser: &Browser) -> Vec<String> {
    let shown = browser.run(
        "return [...document.querySelectorAll('figure.page')].map(f => f.dataset.shown || '')",
        json!([]),
    );
    serde_json::from_value(shown).unwrap()
}

fn field(browser: &Browser, key: &str) -> Element {
    browser.find(&format!("[data-field=\"{key}\"]:is(input, textarea)"))
}

fn value(browser: &Browser, key: &str) -> Value {
    browser.run(
        "return document.querySelector(`[data-field=\"${arguments[0]}\"]:is(input, textarea)`).value",
        json!([key]),
    )
}

#[test]
fn a_new_title_reaches_the_file_and_the_pages_and_a_punctuation_fix_is_one_click() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let served = Served::new();
    let browser = open(&served);
    let before = served.read(ISSUE);
    let pages_before = shown_pages(&browser);
    // Every word of the desk is Chinese.
    let text: String =
        serde_json::from_value(browser.run("return document.body.innerText", json!([]))).unwrap();
    for word in [
        "总期号",
        "栏目",
        "标题",
        "目录条目",
        "来源",
        "编者按",
        "正文",
        "导入来稿",
        "生成 PDF",
    ] {
        assert!(text.contains(word), "{word} on the desk");
    }

    // The title of the third article, typed over.
    let title = field(&browser, "a2.title");
    browser.click(&title);
    browser.type_into(&title, &over("举全市之力办好科学文化盛宴"));
    let saved = file_until(&served, "took the new title", |t| {
        t.contains("举全市之力办好科学文化盛宴")
    });
    assert_eq!(
        saved,
        before.replace(
            "举全市之力打造首都群众性科学文化活动盛宴",
            "举全市之力办好科学文化盛宴"
        ),
        "the title, and nothing else"
    );
    // The page it prints on is drawn anew and shown; the ones before stay.
    let version = bulletin::desk::version_of(saved.as_bytes());
    served.built(&version);
    let started = Instant::now();
    let pages_after = loop {
        let shown = shown_pages(&browser);
        if shown[3] != pages_before[3] && !shown.contains(&String::new()) {
            break shown;
        }
        assert!(started.elapsed() < LONG, "the new page is never shown");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(pages_after[..3], pages_before[..3]);
    let view = served.state()["view"].clone();
    let built: Vec<String> = view["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["hash"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        pages_after, built,
        "the browser shows the pages of the saved file"
    );
    browser.wait_until(
        "saved",
        LONG,
        "return document.getElementById('save-state').className === 'saved'",
        json!([]),
    );

    // A half-width comma: warned at its field, fixed with one click.
    let source = field(&browser, "a1.source");
    browser.click(&source);
    browser.type_into(&source, "市科协办公室,宣传处");
    file_until(&served, "took the source", |t| {
        t.contains("source = \"市科协办公室,宣传处\"")
    });
    let fix = "[data-problems=\"a1.source\"] li.problem.warning button.fix";
    assert_eq!(browser.text(&browser.find(fix)), "改为“，”");
    screenshot(&browser);
    browser.click_on(fix);
    file_until(&served, "was fixed", |t| {
        t.contains("source = \"市科协办公室，宣传处\"")
    });
    browser.wait_until(
        "the warning gone and the field fixed",
        LONG,
        "return !document.querySelector('[data-problems=\"a1.source\"] li.problem') && document.querySelector('input[data-field=\"a1.source\"]').value === '市科协办公室，宣传处'",
        json!([]),
    );

    // A click on a page goes to the article printed there.
    browser.run(
        "document.querySelector('figure.page[data-page=\"6\"]').scrollIntoView(); return null",
        json!([]),
    );
    let anchors = view["anchors"].as_array().unwrap().clone();
    let page = browser.find("figure.page[data-page=\"6\"] img");
    // WebDriver clicks the middle of what is in view of the page.
    let clicked_at = browser
        .run(
            "const box = arguments[0].getBoundingClientRect();
             const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
             return ((top + bottom) / 2 - box.top) / box.height",
            json!([page.as_json()]),
        )
        .as_f64()
        .unwrap()
        * view["pages"][5]["height"].as_f64().unwrap();
    browser.click(&page);
    // The last title at or above the spot.
    let article = anchors
        .iter()
        .filter(|a| {
            let (p, y) = (a["page"].as_u64().unwrap(), a["y"].as_f64().unwrap());
            p < 6 || (p == 6 && y <= clicked_at + 12.0)
        })
        .map(|a| a["article"].as_u64().unwrap())
        .next_back()
        .unwrap();
    browser.wait_until(
        "the article's title focused",
        LONG,
        "return document.activeElement && document.activeElement.dataset.field === arguments[0]",
        json!([format!("a{article}.title")]),
    );
}

/// The desk as the README shows it: an article with a warning at its
/// source, and the page it prints on.
fn screenshot(browser: &Browser) {
    browser.run(
        "document.activeElement.blur();
         document.querySelector('article[data-article=\"1\"]').scrollIntoView();
         const page = document.querySelector('figure.page[data-page=\"3\"]');
         document.getElementById('pages-column').scrollTop = page.offsetTop - 24;
         return null",
        json!([]),
    );
    std::thread::sleep(Duration::from_millis(300));
    let picture = browser.screenshot();
    let decoded = image::load_from_memory(&picture).unwrap();
    assert!(decoded.width() >= 1200, "{}", decoded.width());
    if let Ok(path) = std::env::var("BULLETIN_SCREENSHOT") {
        std::fs::write(path, picture).unwrap();
    }
}

#[test]
fn articles_are_added_moved_deleted_brought_back_and_imported() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let served = Served::new();
    let browser = open(&served);

    // A new article at the end, filled in.
    browser.click_on("#add-article");
    file_until(&served, "got a ninth article", |t| titles(t).len() == 9);
    let title = field(&browser, "a8.title");
    browser.type_into(&title, "新稿件的标题");
    let body = field(&browser, "a8.body");
    browser.type_into(&body, "第一段。\n\n第二段。");
    let text = file_until(&served, "took the new article's text", |t| {
        t.contains("title = \"新稿件的标题\"") && t.contains("第一段。\n\n第二段。")
    });
    assert_eq!(titles(&text)[8], "新稿件的标题");

    // Moved up one, above the last article of 基层动态.
    browser.click_on("article[data-article=\"8\"] button.up");
    let text = file_until(&served, "moved it up", |t| titles(t)[7] == "新稿件的标题");
    assert_eq!(
        titles(&text)[8],
        "科技成果转化服务团深入企业探寻需求力求转化"
    );

    // Deleted, brought back with undo, deleted again.
    let before_delete = text.clone();
    browser.click_on("article[data-article=\"7\"] button.delete");
    file_until(&served, "lost the article", |t| titles(t).len() == 8);
    let undo = ".toast button:not(.close)";
    assert_eq!(browser.text(&browser.find(undo)), "撤销");
    browser.click_on(undo);
    file_until(&served, "got it back", |t| t == before_delete);
    browser.wait_until(
        "nine articles on the desk",
        LONG,
        "return document.querySelectorAll('article.card').length === 9",
        json!([]),
    );
    browser.click_on("article[data-article=\"7\"] button.delete");
    let text = file_until(&served, "lost the article again", |t| titles(t).len() == 8);
    assert_eq!(text, desk::original(), "back as it was, byte for byte");

    // A Word document, picked with the import button, in 基层动态.
    let document = desk::contribution();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("科普进社区.docx");
    std::fs::write(&path, &document).unwrap();
    browser.run(
        "const s = document.getElementById('target-section'); s.value = '基层动态'; return null",
        json!([]),
    );
    let chooser = browser.find("#contribution-chooser");
    browser.run(
        "arguments[0].hidden = false; return null",
        json!([chooser.as_json()]),
    );
    browser.choose_file(&chooser, &path);
    let text = file_until(&served, "took the import", |t| titles(t).len() == 9);
    assert_eq!(titles(&text)[8], "门头沟区科协开展科普进社区活动");
    assert!(text.contains("source = \"门头沟区科协\""));
    assert!(text.contains("path = \"images/74/科普进社区-1.png\""));
    assert!(served.path("images/74/科普进社区-1.png").is_file());
    browser.wait_until(
        "the import told",
        LONG,
        "return [...document.querySelectorAll('.toast.info')].some(t => t.textContent.includes('已把 科普进社区.docx 中的“门头沟区科协开展科普进社区活动”加入这一期'))",
        json!([]),
    );
    // The imported article is on the desk, its picture shown.
    browser.wait_until(
        "the picture's thumbnail",
        LONG,
        "const img = document.querySelector('article[data-article=\"8\"] img.thumbnail'); return !!img && img.complete && img.naturalWidth > 0",
        json!([]),
    );
}

#[test]
fn a_change_on_disk_is_followed_and_a_conflict_is_shown_not_resolved() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut served = Served::new();
    let browser = open(&served);

    // Someone saves the file in a text editor: the desk follows.
    let elsewhere = served
        .read(ISSUE)
        .replace("reviewer = \"李金涛\"", "reviewer = \"王审核\"");
    std::fs::write(served.path(ISSUE), &elsewhere).unwrap();
    browser.wait_until(
        "the reviewer from disk",
        Duration::from_secs(10),
        "return document.querySelector('input[data-field=\"top.reviewer\"]').value === '王审核'",
        json!([]),
    );

    // The editor types while the file changes on disk again: the save is
    // refused, both sides are shown, and the editor chooses.
    let editor = field(&browser, "top.editor");
    browser.click(&editor);
    browser.type_into(&editor, &over("周编辑"));
    let again = elsewhere.replace(
        "title = \"石景山区科协第九次代表大会召开\"",
        "title = \"石景山区科协召开第九次代表大会\"",
    );
    std::fs::write(served.path(ISSUE), &again).unwrap();
    let dialog = browser.find("dialog#conflict[open]");
    let shown = browser.text(&dialog);
    assert!(shown.contains("这一期在别处被修改了"), "{shown}");
    assert!(
        shown.contains("周编辑") && shown.contains("张红波"),
        "{shown}"
    );
    assert!(shown.contains("石景山区科协召开第九次代表大会"), "{shown}");
    assert_eq!(
        served.read(ISSUE),
        again,
        "nothing written while the editor chooses"
    );
    browser.click_on("#conflict-keep");
    let text = file_until(&served, "has both changes", |t| {
        t.contains("editor = \"周编辑\"")
    });
    assert_eq!(
        text,
        again.replace("editor = \"张红波\"", "editor = \"周编辑\"")
    );

    // The server stops: the page says so and keeps what was typed.
    served.stop();
    browser.wait_until(
        "the page says the desk is gone",
        LONG,
        "return !document.getElementById('banner').hidden && document.getElementById('save-state').className === 'offline'",
        json!([]),
    );
    let note = field(&browser, "a0.note");
    browser.click(&note);
    browser.type_into(&note, "请各单位认真学习。");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(value(&browser, "a0.note"), "请各单位认真学习。");
    let banner = browser.text(&browser.find("#banner"));
    assert!(banner.contains("连接已断开"), "{banner}");
    assert_eq!(
        browser.text(&browser.find("#save-state")),
        "连接已断开，修改未保存"
    );
}

/// The desk on a small laptop's screen, 1366 × 768: nothing wider than the
/// window, the whole bar in view, room for both the form and the pages.
/// `BULLETIN_SCREENSHOT_SMALL=desk-1366.png` also keeps a picture of it.
#[test]
fn the_desk_fits_a_small_laptop_screen() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let served = Served::new();
    // A warning in view: a half-width comma in the first title.
    let text = served
        .read(ISSUE)
        .replacen("全民科学素质工作第二次", "全民科学素质工作,第二次", 1);
    std::fs::write(served.path(ISSUE), text).unwrap();
    let browser = open_at(&served, 1366, 768);
    browser.find("[data-problems=\"a0.title\"] li.problem");
    let faults = browser.run(
        "const faults = [];
         const root = document.documentElement;
         if (root.scrollWidth > innerWidth) faults.push(`the page is ${root.scrollWidth}px wide`);
         if (root.scrollHeight > innerHeight) faults.push(`the page is ${root.scrollHeight}px high`);
         for (const item of document.querySelectorAll('header.bar > :not([hidden])')) {
           const box = item.getBoundingClientRect();
           if (box.width === 0) continue;
           if (box.left < 0 || box.right > innerWidth || box.bottom > 80)
             faults.push(`#${item.id} of the bar at ${box.left}..${box.right}, bottom ${box.bottom}`);
         }
         for (const [id, least] of [['form-column', 460], ['pages-column', 360]]) {
           const column = document.getElementById(id);
           const box = column.getBoundingClientRect();
           if (box.width < least) faults.push(`#${id} is ${box.width}px wide`);
           if (box.bottom > innerHeight + 1) faults.push(`#${id} ends at ${box.bottom}`);
           if (column.scrollWidth > column.clientWidth) faults.push(`#${id} scrolls sideways`);
         }
         return faults",
        json!([]),
    );
    let picture = browser.screenshot();
    if let Ok(path) = std::env::var("BULLETIN_SCREENSHOT_SMALL") {
        std::fs::write(path, &picture).unwrap();
    }
    assert_eq!(faults, json!([]), "at 1366 × 768");
}

/// A problem is shown at the field it is in, from where the server found
/// it (its `field`), never from its words: a half-width comma in the
/// third article's body is warned at that body; a message in English that
/// names another article changes nothing; a problem with no field is in
/// the list above the form, named by its line.
#[test]
fn a_problem_is_shown_at_its_field_whatever_its_words() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let served = Served::new();
    let text =
        served
            .read(ISSUE)
            .replacen("近日，北京市科协党组书记", "近日,北京市科协党组书记", 1);
    std::fs::write(served.path(ISSUE), &text).unwrap();
    let browser = open(&served);
    let problems = served.state()["view"]["problems"].clone();
    let at_body = json!({ "article": 2, "key": "body" });
    let comma: Vec<&Value> = problems
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["field"] == at_body)
        .collect();
    assert_eq!(comma.len(), 1, "{problems:#}");
    assert!(comma[0]["fix"].is_object(), "{problems:#}");

    // At the body of the third article, and nowhere else in the form.
    let in_form = problems
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["field"].is_object())
        .count();
    browser.wait_until(
        "the comma warned at the third article's body",
        LONG,
        "const list = document.querySelector('article[data-article=\"2\"] .field[data-field=\"a2.body\"] > [data-problems=\"a2.body\"]');
         return !!list && list.querySelectorAll('li.problem.warning').length === 1
           && document.querySelectorAll('#form li.problem').length === arguments[0]",
        json!([in_form]),
    );
    let listed = browser.find("#problems li.problem[data-place=\"a2.body\"]");
    let words = browser.text(&listed);
    assert!(words.contains("第3篇稿件 正文"), "{words}");
    assert!(words.contains("改为“，”"), "{words}");
    // A click on it in the list goes to the body.
    browser.click(&browser.find("#problems li.problem[data-place=\"a2.body\"] .message"));
    browser.wait_until(
        "the body focused",
        LONG,
        "return document.activeElement && document.activeElement.dataset.field === 'a2.body'",
        json!([]),
    );

    // The same place in other words (English, naming the first article),
    // and a problem outside the issue's fields, as a build would send them.
    browser.run(
        "import('/static/state.js').then((state) => {
           state.built({ ...state.lastBuild(), problems: [
             { severity: 'warning', field: { article: 2, key: 'body' }, line: 40, column: 3,
               message: 'Article 1: a half-width comma after Chinese text',
               text: 'issues/74.toml:40:3: Article 1: a half-width comma after Chinese text', fix: null },
             { severity: 'error', field: null, line: 12, column: 5,
               message: '第1篇稿件：not in the issue',
               text: 'bulletin.toml:12:5: 第1篇稿件：not in the issue', fix: null },
           ]});
           document.body.dataset.crafted = 'true';
         });
         return null",
        json!([]),
    );
    browser.wait_until(
        "the problems in other words",
        LONG,
        "return document.body.dataset.crafted === 'true'",
        json!([]),
    );
    let placed = browser.run(
        "return [...document.querySelectorAll('#form li.problem')].map((li) =>
           [li.closest('[data-field]').dataset.field, li.querySelector('.message').textContent])",
        json!([]),
    );
    assert_eq!(
        placed,
        json!([[
            "a2.body",
            "Article 1: a half-width comma after Chinese text"
        ]])
    );
    let listed = browser.run(
        "return [...document.querySelectorAll('#problems li.problem')].map((li) =>
           [li.dataset.place || null, li.querySelector('.place').textContent])",
        json!([]),
    );
    assert_eq!(
        listed,
        json!([["a2.body", "第3篇稿件 正文"], [null, "第12行第5列"]])
    );
}

//! `bulletin serve`, the editors' desk, over HTTP as its pages use it: a
//! desk on a temporary copy of the publication, on a free port of
//! 127.0.0.1. What an editor (or an attacker) would check: the issue file
//! on disk after every request, byte for byte; what each address answers;
//! what reaches the desks when the file changes.

use crate::support::{self, TempPublication, desk, png};

use std::time::Duration;

use desk::{Served, raw_request};
use serde_json::{Value, json};
use support::ISSUE_74 as ISSUE;

fn set(article: usize, key: &str, value: Value) -> Value {
    json!([{ "op": "set", "article": article, "key": key, "value": value }])
}

/// The articles of the issue file `text`.
fn articles_of(text: &str) -> Vec<toml::Table> {
    support::articles(&toml::from_str(text).unwrap())
}

#[test]
fn the_pages_and_scripts_are_served_and_nothing_else() {
    let served = Served::new();
    for path in ["/", "/issues/74"] {
        let page = served.get(path);
        assert_eq!(page.status, 200);
        assert!(page.text.contains("lang=\"zh-CN\""), "{}", page.text);
        let policy = page.header("content-security-policy").unwrap();
        assert!(policy.contains("default-src 'self'"), "{policy}");
    }
    // The pages' scripts and every module they import, as JavaScript.
    let mut scripts = vec!["home.js".to_string(), "desk.js".to_string()];
    let mut seen = 0;
    while seen < scripts.len() {
        let script = scripts[seen].clone();
        seen += 1;
        let reply = served.get(&format!("/static/{script}"));
        assert_eq!(reply.status, 200, "{script}");
        assert!(
            reply
                .header("content-type")
                .unwrap()
                .contains("text/javascript")
        );
        for import in reply.text.split("from \"/static/").skip(1) {
            let name = import.split('"').next().unwrap().to_string();
            if !scripts.contains(&name) {
                scripts.push(name);
            }
        }
    }
    assert!(scripts.len() >= 8, "{scripts:?}");
    // No folder is listed, no file is served by its path.
    for path in [
        "/static/",
        "/static/../bulletin.toml",
        "/static/%2e%2e%2fbulletin.toml",
        "/issues/",
        "/bulletin.toml",
        "/issues/74.toml",
        "/api/issues/74/download/..%2fbulletin.toml",
        "/api/issues/74/download/74.toml",
        "/api/issues/74/picture?path=bulletin.toml",
        "/api/issues/74/picture?path=../../etc/passwd",
        "/api/issues/99",
    ] {
        let reply = served.get(path);
        assert!(
            reply.status == 404 || reply.status == 400,
            "{path}: {} {}",
            reply.status,
            reply.text
        );
        assert!(!reply.text.contains("[publication]"), "{path}");
    }
    // The words of the desk are Chinese.
    let strings = served.get("/api/strings").json();
    assert_eq!(strings["desk-ui-save-state-saved"], "已保存");
}

#[test]
fn the_forms_are_made_from_the_schema_of_both_files() {
    let served = Served::new();
    let reply = served.get("/api/schema");
    assert_eq!(reply.status, 200, "{}", reply.text);
    let schema = reply.json();
    let tables = schema["tables"].as_array().unwrap();
    let table = |file: &str, path: &str| {
        tables
            .iter()
            .find(|t| t["file"] == file && t["path"] == path)
            .unwrap_or_else(|| panic!("a table {file} {path:?}"))
    };
    let key = |file: &str, path: &str, name: &str| {
        table(file, path)["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == name)
            .unwrap_or_else(|| panic!("{file} {path:?} {name}"))
            .clone()
    };
    let title = key("issue", "articles", "title");
    assert_eq!(title["label"], "标题");
    assert_eq!(title["required"], true);
    assert_eq!(title["kind"], "paragraphs");
    let red = key("publication", "layout", "red");
    assert_eq!(red["label"], "报头红色");
    assert_eq!(red["default"], "\"#E60012\"");
    assert_eq!(
        key("publication", "footer", "distribution")["label"],
        "分送"
    );
    assert_eq!(
        key("publication", "publication", "lang")["choices"],
        serde_json::json!(["zh", "en"])
    );
    assert_eq!(key("issue", "", "total")["label"], "总期号");
}

#[test]
fn the_publication_lists_its_issues_and_starts_the_next_as_new_does() {
    let served = Served::new();
    let publication = served.get("/api/publication").json();
    assert_eq!(publication["name"], "科协每周动态");
    let rows = publication["issues"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["heading"]["total"], 74);
    assert_eq!(rows[0]["heading"]["number"], 21);
    assert_eq!(rows[0]["heading"]["articles"], 8);
    assert_eq!(rows[0]["pdf"], "none");

    let started = served.post_json("/api/issues", &json!({}));
    assert_eq!(started.status, 201, "{}", started.text);
    assert_eq!(started.json()["total"], 75);
    let by_command = TempPublication::new();
    let status = support::bulletin_process()
        .args(["new"])
        .current_dir(by_command.root())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        served.read("issues/75.toml"),
        std::fs::read_to_string(by_command.root().join("issues/75.toml")).unwrap(),
        "the desk starts the issue bulletin new starts"
    );
    let rows = served.get("/api/publication").json()["issues"].clone();
    assert_eq!(rows.as_array().unwrap().len(), 2);
}

#[test]
fn the_desk_shows_the_fields_the_pages_and_where_each_article_is() {
    let served = Served::new();
    let state = served.state();
    assert_eq!(state["shown"], ISSUE);
    let form = &state["file"]["form"];
    assert_eq!(form["editor"], "张红波");
    assert_eq!(form["articles"].as_array().unwrap().len(), 8);
    assert_eq!(form["articles"][3]["contents"], false);
    let sections: Vec<&str> = state["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "主题教育",
            "科普工作",
            "科创工作",
            "国际科技交流",
            "基层动态"
        ]
    );

    let version = state["file"]["version"].as_str().unwrap().to_string();
    let view = served.built(&version);
    let pages = view["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 9, "issue 74 prints on 9 pages");
    assert!(view["problems"].as_array().unwrap().is_empty(), "{view}");
    // Each article's title, in order, down the pages.
    let anchors = view["anchors"].as_array().unwrap();
    assert_eq!(anchors.len(), 8);
    let places: Vec<(u64, f64)> = anchors
        .iter()
        .map(|a| (a["page"].as_u64().unwrap(), a["y"].as_f64().unwrap()))
        .collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
    assert_eq!(places[0].0, 1);

    // A page by its digest, as SVG; compressed when the browser says it can
    // take it.
    let hash = pages[0]["hash"].as_str().unwrap();
    let svg = served.get(&format!("/api/issues/74/pages/1?h={hash}"));
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(svg.text.starts_with("<svg"), "{}", &svg.text[..100]);
    let other = pages[1]["hash"].as_str().unwrap();
    assert_eq!(
        served
            .get(&format!("/api/issues/74/pages/1?h={other}"))
            .status,
        404,
        "a digest names one page"
    );
}

#[test]
fn a_save_changes_its_field_only_and_only_the_pages_it_changes_are_new() {
    let served = Served::new();
    let before = served.read(ISSUE);
    let version = served.version();
    let old = served.built(&version);
    let events = served.events();

    let reply = served.edit(
        &version,
        set(2, "title", json!("举全市之力办好科学文化盛宴")),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let saved = reply.json();
    let new_version = saved["version"].as_str().unwrap().to_string();
    assert_ne!(new_version, version);
    let after = served.read(ISSUE);
    assert_eq!(
        after,
        before.replace(
            "title = \"举全市之力打造首都群众性科学文化活动盛宴\"",
            "title = \"举全市之力办好科学文化盛宴\""
        ),
        "only the title changed, byte for byte"
    );
    assert_eq!(
        saved["form"]["articles"][2]["title"],
        "举全市之力办好科学文化盛宴"
    );

    let built = events
        .wait_for("built", Duration::from_secs(60), |view| {
            view["version"].as_str() == Some(new_version.as_str())
        })
        .expect("a build of the saved file");
    let hashes = |view: &Value| -> Vec<String> {
        view["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["hash"].as_str().unwrap().to_string())
            .collect()
    };
    let (old, new) = (hashes(&old), hashes(&built));
    assert_eq!(old.len(), new.len());
    // Article 3 starts on page 4: pages 1 to 3 are as they were.
    assert_eq!(
        old[..3],
        new[..3],
        "pages before the change keep their digest"
    );
    assert_ne!(old[3], new[3], "the page with the title is new");
    assert_eq!(
        built["timings"]["pages_drawn"].as_u64().unwrap() as usize,
        old.iter().zip(&new).filter(|(a, b)| a != b).count(),
        "only the changed pages are drawn"
    );
    let svg = served.get(&format!("/api/issues/74/pages/4?h={}", new[3]));
    assert!(svg.text.starts_with("<svg"));
}

#[test]
fn a_stale_save_is_refused_and_the_desk_is_told_what_the_file_is_now() {
    let served = Served::new();
    let version = served.version();
    // Someone changes the file in a text editor meanwhile.
    let elsewhere = served
        .read(ISSUE)
        .replace("reviewer = \"李金涛\"", "reviewer = \"王审核\"");
    std::fs::write(served.path(ISSUE), &elsewhere).unwrap();

    let reply = served.edit(&version, set(0, "title", json!("我的新标题")));
    assert_eq!(reply.status, 409, "{}", reply.text);
    let conflict = reply.json();
    assert_eq!(conflict["form"]["reviewer"], "王审核");
    assert_eq!(conflict["text"], elsewhere.as_str());
    assert!(conflict["error"].as_str().unwrap().contains("别处"));
    assert_eq!(served.read(ISSUE), elsewhere, "nothing was written");

    // Saved again on what the file is now, it keeps both changes.
    let now = conflict["version"].as_str().unwrap();
    let reply = served.edit(now, set(0, "title", json!("我的新标题")));
    assert_eq!(reply.status, 200);
    let text = served.read(ISSUE);
    assert!(text.contains("reviewer = \"王审核\"") && text.contains("title = \"我的新标题\""));
}

#[test]
fn a_change_on_disk_reaches_the_open_desks() {
    let served = Served::new();
    let version = served.version();
    let events = served.events();
    events
        .wait_for("file", Duration::from_secs(30), |f| {
            f["version"] == version.as_str()
        })
        .expect("the file as it is, on connecting");
    let changed = served
        .read(ISSUE)
        .replace("editor = \"张红波\"", "editor = \"李编辑\"");
    std::fs::write(served.path(ISSUE), &changed).unwrap();
    let file = events
        .wait_for("file", Duration::from_secs(10), |f| {
            f["form"]["editor"] == "李编辑"
        })
        .expect("the change, pushed to the desk");
    assert_eq!(file["origin"], Value::Null, "made elsewhere");
    let new_version = file["version"].as_str().unwrap();
    let view = events
        .wait_for("built", Duration::from_secs(60), |v| {
            v["version"] == new_version
        })
        .expect("the pages follow");
    assert_eq!(view["out_of_date"], false);
}

#[test]
fn requests_naming_another_host_or_from_another_site_are_refused() {
    let served = Served::new();
    let before = served.read(ISSUE);
    let address = served.desk().address();
    // DNS rebinding: a page of evil.example whose name now points here.
    let answer = raw_request(
        address,
        "GET /api/issues/74 HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(!answer.contains("张红波"));
    let body = json!({ "version": served.version(), "edits": set(0, "title", json!("被篡改")) })
        .to_string();
    let answer = raw_request(
        address,
        &format!(
            "POST /api/issues/74/edit HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");

    // CSRF: the right host, but a page of another site sends it.
    for (header, value) in [
        ("Origin", "http://evil.example"),
        ("Origin", "null"),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let reply = desk::agent()
            .post(format!("{}/api/issues/74/edit", served.base))
            .header(header, value)
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .unwrap();
        assert_eq!(reply.status().as_u16(), 403, "{header}: {value}");
        for (path, bytes) in [
            ("/api/issues", b"{}".as_slice()),
            (
                "/api/issues/74/import?name=a.txt",
                "标题\n\n正文。".as_bytes(),
            ),
            ("/api/issues/74/print?format=pdf", b"".as_slice()),
        ] {
            let reply = desk::agent()
                .post(format!("{}{path}", served.base))
                .header(header, value)
                .send(bytes)
                .unwrap();
            assert_eq!(reply.status().as_u16(), 403, "{path} {header}: {value}");
        }
    }
    // Nor may its page make the browser fetch from the desk (an <img> at
    // /api/ opens and builds an issue), though it may link to it.
    for (path, mode, status) in [
        ("/api/issues/74", "no-cors", 403),
        ("/api/issues/74/events", "cors", 403),
        ("/static/desk.js", "no-cors", 403),
        ("/api/issues/74", "navigate", 403),
        ("/issues/74", "navigate", 200),
        ("/", "navigate", 200),
    ] {
        for site in ["cross-site", "same-site"] {
            let reply = desk::agent()
                .get(format!("{}{path}", served.base))
                .header("Sec-Fetch-Site", site)
                .header("Sec-Fetch-Mode", mode)
                .call()
                .unwrap();
            assert_eq!(reply.status().as_u16(), status, "{path} {site} {mode}");
        }
    }
    assert_eq!(served.read(ISSUE), before, "nothing was changed");
    assert!(!served.path("issues/75.toml").exists());
    assert!(!served.path("out").exists());
    // The desk's own page may.
    let reply = served.edit(&served.version(), set(0, "title", json!("新标题")));
    assert_eq!(reply.status, 200);
    // localhost is the desk's own name too.
    let answer = raw_request(
        address,
        &format!(
            "GET /api/strings HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
            address.port()
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn on_the_office_network_every_request_needs_the_token() {
    let served = Served::listening("127.0.0.1:0");
    let token = served.desk().token().expect("a token").to_string();
    assert_eq!(token.len(), 64);
    assert!(
        served
            .desk()
            .url("/", None)
            .ends_with(&format!("/?token={token}"))
    );
    for path in ["/", "/issues/74", "/api/issues/74", "/static/desk.js"] {
        assert_eq!(served.get(path).status, 401, "{path}");
    }
    let mut wrong = token.clone().into_bytes();
    wrong[10] = if wrong[10] == b'a' { b'b' } else { b'a' };
    let wrong = String::from_utf8(wrong).unwrap();
    assert_eq!(served.get(&format!("/?token={wrong}")).status, 401);
    let reply = served.get(&format!("/api/issues/74?token={wrong}"));
    assert_eq!(reply.status, 401);
    assert!(reply.json()["error"].as_str().unwrap().contains("令牌"));

    // The address printed at start: the token goes into a cookie.
    let answer = raw_request(
        served.desk().address(),
        &format!(
            "GET /issues/74?token={token} HTTP/1.1\r\nHost: 192.168.1.23:8040\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    assert!(answer.contains("location: /issues/74\r\n"), "{answer}");
    assert!(
        answer.contains(&format!(
            "set-cookie: bulletin_token={token}; Path=/; HttpOnly; SameSite=Strict"
        )),
        "{answer}"
    );
    let answer = raw_request(
        served.desk().address(),
        &format!(
            "GET /api/issues/74 HTTP/1.1\r\nHost: 192.168.1.23:8040\r\nCookie: bulletin_token={token}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let reply = desk::agent()
        .get(format!("{}/api/issues/74", served.base))
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .unwrap();
    assert_eq!(reply.status().as_u16(), 200);
}

#[test]
fn pictures_are_checked_by_their_content_confined_and_never_written_over() {
    let served = Served::new();
    let version = served.version();
    let upload = |name: &str, version: &str, bytes: &[u8]| {
        served.post_bytes(
            &format!("/api/issues/74/images?article=0&version={version}&name={name}"),
            bytes,
        )
    };
    // Too large: refused before it is read whole.
    let big = vec![0u8; bulletin::pictures::MAX_FILE_BYTES as usize + 1];
    let reply = upload("big.jpg", &version, &big);
    assert_eq!(reply.status, 413, "{}", reply.text);
    // Not a picture, whatever its name says.
    let reply = upload(
        "photo.jpg",
        &version,
        b"<html><script>alert(1)</script></html>",
    );
    assert_eq!(reply.status, 422, "{}", reply.text);
    assert!(
        !served.path("images").exists()
            || std::fs::read_dir(served.path("images/74")).unwrap().count() == 0
    );

    // A name that climbs out of the folder stays a name in images/74/.
    let photo = png(1200, 800);
    let reply = upload("..%2F..%2Fevil.png", &version, &photo);
    assert_eq!(reply.status, 200, "{}", reply.text);
    let saved = reply.json();
    assert_eq!(saved["path"], "images/74/evil.png");
    assert_eq!(
        std::fs::read(served.path("images/74/evil.png")).unwrap(),
        photo
    );
    assert!(
        !served
            .publication
            .root()
            .parent()
            .unwrap()
            .join("evil.png")
            .exists()
    );
    let text = served.read(ISSUE);
    assert_eq!(
        articles_of(&text)[0]["images"][0]["path"].as_str(),
        Some("images/74/evil.png")
    );
    // The same name again: a new file, the first untouched.
    let second = png(600, 400);
    let version = saved["file"]["version"].as_str().unwrap();
    let reply = upload("evil.png", version, &second);
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json()["path"], "images/74/evil-2.png");
    assert_eq!(
        std::fs::read(served.path("images/74/evil.png")).unwrap(),
        photo
    );
    // A stale version: refused, and the picture is not left behind.
    let reply = upload("late.png", version, &second);
    assert_eq!(reply.status, 409);
    assert!(!served.path("images/74/late.png").exists());

    // The issue names them now: the desk shows them; nothing else.
    let picture = served.get("/api/issues/74/picture?path=images/74/evil.png");
    assert_eq!(picture.status, 200);
    assert_eq!(picture.bytes, photo);
    std::fs::write(served.path("images/74/other.png"), &photo).unwrap();
    assert_eq!(
        served
            .get("/api/issues/74/picture?path=images/74/other.png")
            .status,
        404,
        "a picture the issue does not use"
    );
}

#[cfg(unix)]
#[test]
fn a_pictures_folder_that_leads_outside_is_refused() {
    let served = Served::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(served.path("images")).unwrap();
    std::os::unix::fs::symlink(outside.path(), served.path("images/74")).unwrap();
    let reply = served.post_bytes(
        &format!(
            "/api/issues/74/images?article=0&version={}&name=a.png",
            served.version()
        ),
        &png(300, 200),
    );
    assert_eq!(reply.status, 403, "{}", reply.text);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);

    // `images` itself a link out, to a folder or to nothing yet: no folder
    // is made at its far end.
    for target in [outside.path().to_path_buf(), outside.path().join("later")] {
        std::fs::remove_file(served.path("images/74")).ok();
        std::fs::remove_dir(served.path("images")).ok();
        std::fs::remove_file(served.path("images")).ok();
        std::os::unix::fs::symlink(&target, served.path("images")).unwrap();
        let reply = served.post_bytes(
            &format!(
                "/api/issues/74/images?article=0&version={}&name=a.png",
                served.version()
            ),
            &png(300, 200),
        );
        assert_eq!(reply.status, 403, "{}", reply.text);
        assert_eq!(
            std::fs::read_dir(outside.path()).unwrap().count(),
            0,
            "{target:?}"
        );
    }
}

#[test]
fn a_dropped_contribution_is_imported_as_bulletin_import_imports_it() {
    let served = Served::new();
    let document = desk::contribution();
    let reply = served.post_bytes(
        "/api/issues/74/import?name=%E7%A8%BF%E4%BB%B6.docx&section=%E5%9F%BA%E5%B1%82%E5%8A%A8%E6%80%81",
        &document,
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
    let imported = reply.json();
    assert_eq!(
        imported["added"][0]["title"],
        "门头沟区科协开展科普进社区活动"
    );
    assert_eq!(imported["added"][0]["pictures"], 1);

    let by_command = TempPublication::new();
    let file = by_command.root().join("稿件.docx");
    std::fs::write(&file, &document).unwrap();
    let output = support::bulletin_process()
        .args([
            "import",
            "稿件.docx",
            "--into",
            "74",
            "--section",
            "基层动态",
        ])
        .current_dir(by_command.root())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        served.read(ISSUE),
        std::fs::read_to_string(by_command.root().join(ISSUE)).unwrap(),
        "the same article as bulletin import writes"
    );
    assert_eq!(
        std::fs::read(served.path("images/74/稿件-1.png")).unwrap(),
        std::fs::read(by_command.root().join("images/74/稿件-1.png")).unwrap()
    );

    // A file that is no contribution changes nothing, and says why.
    let before = served.read(ISSUE);
    let reply = served.post_bytes("/api/issues/74/import?name=a.docx", b"not a zip");
    assert_eq!(reply.status, 422);
    assert!(reply.json()["error"].as_str().unwrap().contains("a.docx"));
    assert_eq!(served.read(ISSUE), before);
}

#[test]
fn printing_writes_the_pdf_bulletin_build_writes() {
    let served = Served::new();
    let reply = served.post_json("/api/issues/74/print?format=pdf", &json!({}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    let printed = reply.json();
    assert_eq!(printed["files"], json!(["out/74.pdf"]));
    let by_command = TempPublication::new();
    let status = support::bulletin_process()
        .args(["build", "74"])
        .current_dir(by_command.root())
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = std::fs::read(served.path("out/74.pdf")).unwrap();
    assert_eq!(
        pdf,
        std::fs::read(by_command.root().join("out/74.pdf")).unwrap(),
        "the same bytes as bulletin build 74"
    );
    let download = served.get(printed["downloads"][0].as_str().unwrap());
    assert_eq!(download.status, 200);
    assert_eq!(download.bytes, pdf);
    assert!(
        download
            .header("content-disposition")
            .unwrap()
            .contains("74.pdf")
    );

    let reply = served.post_json("/api/issues/74/print?format=png", &json!({}));
    assert_eq!(reply.status, 200, "{}", reply.text);
    let files = reply.json()["files"].clone();
    assert_eq!(files.as_array().unwrap().len(), 9);
    assert_eq!(files[0], "out/74-1.png");
    let page = served.get("/api/issues/74/download/74-1.png");
    assert!(page.bytes.starts_with(b"\x89PNG"));
}

#[test]
fn problems_come_at_their_fields_and_a_punctuation_fix_is_one_request() {
    let served = Served::new();
    let version = served.version();
    let reply = served.edit(
        &version,
        set(
            1,
            "title",
            json!("市科协召开主题教育学习研讨专题会,部署整改"),
        ),
    );
    let version = reply.json()["version"].as_str().unwrap().to_string();
    let view = served.checked(&version);
    let problems = view["problems"].as_array().unwrap();
    let comma = problems
        .iter()
        .find(|p| p["field"] == json!({ "article": 1, "key": "title" }))
        .unwrap_or_else(|| panic!("the comma at the title: {problems:?}"));
    assert_eq!(comma["severity"], "warning");
    assert!(comma["message"].as_str().unwrap().contains("，"), "{comma}");
    assert!(common_english(comma["message"].as_str().unwrap()).is_none());
    let fix = comma["fix"].clone();
    assert_eq!(fix["op"], "replace");

    let reply = served.edit(&version, json!([fix]));
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert!(
        served
            .read(ISSUE)
            .contains("title = \"市科协召开主题教育学习研讨专题会，部署整改\"")
    );

    // An error: the pages stay as they were, marked out of date.
    let version = served.version();
    let good = served.built(&version);
    let reply = served.edit(&version, set(4, "title", json!("")));
    let broken = reply.json()["version"].as_str().unwrap().to_string();
    let view = served.checked(&broken);
    assert_eq!(view["out_of_date"], true);
    assert_eq!(view["pages"], good["pages"]);
    let empty = view["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["severity"] == "error")
        .unwrap();
    assert_eq!(empty["field"], json!({ "article": 4, "key": "title" }));
    assert!(
        empty["message"].as_str().unwrap().contains("标题"),
        "{empty}"
    );
}

/// English words in a message for Chinese readers (a looser test than
/// support::english_in).
fn common_english(message: &str) -> Option<String> {
    let words: Vec<&str> = message
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 2)
        .collect();
    (words.len() >= 3).then(|| words.join(" "))
}

#[test]
fn a_burst_of_edits_builds_the_latest_without_a_queue() {
    let served = Served::new();
    let mut version = served.version();
    served.built(&version);
    let builds_before = served.state()["view"]["timings"]["builds"]
        .as_u64()
        .unwrap();
    let body = served.state()["file"]["form"]["articles"][0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    for n in 0..50 {
        let reply = served.edit(
            &version,
            set(0, "body", json!(format!("{body}\n\n第{n}次补充。"))),
        );
        assert_eq!(reply.status, 200, "{}", reply.text);
        version = reply.json()["version"].as_str().unwrap().to_string();
    }
    let view = served.built(&version);
    let builds = view["timings"]["builds"].as_u64().unwrap() - builds_before;
    assert!(builds >= 1);
    assert!(
        builds < 50,
        "{builds} builds for 50 edits: requests made during a build wait for one more"
    );
    assert!(served.read(ISSUE).contains("第49次补充。"));
}

#[test]
fn articles_are_added_moved_deleted_and_brought_back() {
    let served = Served::new();
    let before = served.read(ISSUE);
    let version = served.version();
    let reply = served.edit(
        &version,
        json!([{ "op": "add_article", "at": 8, "section": "基层动态" }]),
    );
    assert_eq!(reply.status, 200);
    let version = reply.json()["version"].as_str().unwrap().to_string();
    let reply = served.edit(
        &version,
        json!([{ "op": "move_article", "from": 0, "to": 1 }]),
    );
    let version = reply.json()["version"].as_str().unwrap().to_string();
    let text = served.read(ISSUE);
    let titles: Vec<String> = articles_of(&text)
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles[0], "市科协召开主题教育学习研讨专题会");
    assert_eq!(titles[1], "2023年北京市全民科学素质工作第二次会议召开");
    assert_eq!(titles[8], "");

    let reply = served.edit(&version, json!([{ "op": "delete_article", "article": 8 }]));
    assert_eq!(reply.status, 200);
    let deleted = reply.json();
    let (at, block) = (
        deleted["removed"][0][0].as_u64().unwrap(),
        deleted["removed"][0][1].as_str().unwrap().to_string(),
    );
    assert_eq!(at, 8);
    let version = deleted["version"].as_str().unwrap();
    let reply = served.edit(
        version,
        json!([{ "op": "move_article", "from": 1, "to": 0 }]),
    );
    let version = reply.json()["version"].as_str().unwrap().to_string();
    assert_eq!(served.read(ISSUE), before, "back as it was, byte for byte");
    let reply = served.edit(
        &version,
        json!([{ "op": "insert_article", "at": 8, "text": block }]),
    );
    assert_eq!(reply.status, 200);
    assert_eq!(articles_of(&served.read(ISSUE)).len(), 9);
}

#[test]
fn stopping_finishes_and_then_writes_nothing() {
    let mut served = Served::new();
    let version = served.version();
    let address = served.desk().address();
    served.stop();
    assert!(
        std::net::TcpStream::connect(address).is_err(),
        "no longer served"
    );
    let text = std::fs::read(served.path(ISSUE)).unwrap();
    assert_eq!(bulletin::desk::version_of(&text), version);
}

/// Issues 75 to 78 beside 74 on a new desk: copies with their totals.
fn served_with_more_issues() -> Served {
    let served = Served::new();
    let text = served.read(ISSUE);
    for total in 75..=78 {
        let other = text.replacen("total = 74", &format!("total = {total}"), 1);
        std::fs::write(served.path(&format!("issues/{total}.toml")), other).unwrap();
    }
    served
}

/// The builds issue `total` has had since it was opened (it opens).
fn builds(served: &Served, total: u32) -> u64 {
    let reply = served.get(&format!("/api/issues/{total}"));
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json()["view"]["timings"]["builds"].as_u64().unwrap()
}

/// Opens issue `total` and waits for its first build.
fn settle(served: &Served, total: u32) {
    let started = std::time::Instant::now();
    while builds(served, total) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "issue {total} never built"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Issue 74 opened, then edited: built twice.
fn built_twice(served: &Served) {
    let version = served.version();
    served.built(&version);
    let reply = served.edit(&version, set(0, "title", json!("新标题")));
    let version = reply.json()["version"].as_str().unwrap().to_string();
    served.built(&version);
    assert_eq!(builds(served, 74), 2);
}

/// Browsing many issues does not keep them all open: beyond a few, the
/// issues no desk shows are closed (their worlds and pages let go), and
/// opened again, fresh, when asked for.
#[test]
fn issues_no_desk_shows_are_closed_beyond_a_few() {
    let served = served_with_more_issues();
    built_twice(&served);
    // Three open: 74, 75, 76. A fourth closes the one used longest ago.
    for total in [75, 76, 77] {
        settle(&served, total);
    }
    assert!(builds(&served, 74) < 2, "opened again, fresh");
    settle(&served, 74);
    assert_eq!(builds(&served, 74), 1);
    assert!(served.read(ISSUE).contains("新标题"), "nothing lost");
}

/// An issue a desk shows (its event stream open) stays open however many
/// others are opened.
#[test]
fn an_issue_a_desk_shows_stays_open() {
    let served = served_with_more_issues();
    built_twice(&served);
    let events = served.events();
    assert!(
        events
            .wait_for("built", Duration::from_secs(10), |_| true)
            .is_some()
    );
    for total in 75..=78 {
        settle(&served, total);
    }
    assert_eq!(builds(&served, 74), 2, "the issue a desk shows stayed open");
}

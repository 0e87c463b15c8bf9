//! What the PDF of issue 74 must be for printing and archiving: A4, every
//! font embedded, the metadata and bookmarks, the same bytes every time.

use crate::support;

use lopdf::{Document, Object};
use support::{dict, text_string};

fn pdf_bytes() -> Vec<u8> {
    let built = support::issue_74();
    built.pdf(&[]).expect("PDF export")
}

fn load() -> Document {
    Document::load_mem(&pdf_bytes()).expect("the PDF parses")
}

#[test]
fn pages_are_a4() {
    let doc = load();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), support::issue_74().document.pages().len());
    for id in pages.values() {
        let page = doc.get_dictionary(*id).unwrap();
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert!(
            (media[2] - 595.276).abs() < 0.01 && (media[3] - 841.89).abs() < 0.01,
            "{media:?}"
        );
    }
}

#[test]
fn every_font_is_embedded() {
    let doc = load();
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font") {
            continue;
        }
        let descriptor = match font.get(b"FontDescriptor") {
            Ok(d) => dict(&doc, d),
            Err(_) => continue, // a Type0 font: its descendant carries the descriptor
        };
        fonts += 1;
        let name = String::from_utf8_lossy(descriptor.get(b"FontName").unwrap().as_name().unwrap())
            .into_owned();
        assert!(
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| descriptor.has(k)),
            "{name} is embedded"
        );
        assert!(name.as_bytes()[6] == b'+', "{name} is subset");
    }
    assert!(
        fonts >= 5,
        "body, title, heading, kai and number faces: {fonts}"
    );
}

#[test]
fn metadata_names_the_issue_its_publisher_and_date() {
    let doc = load();
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert_eq!(
        text_string(info.get(b"Title").unwrap()),
        "科协每周动态 2023年第21期（总第74期）"
    );
    assert_eq!(
        text_string(info.get(b"Author").unwrap()),
        "北京市科协办公室"
    );
    assert!(text_string(info.get(b"CreationDate").unwrap()).starts_with("D:20230811"));

    let catalog = doc.catalog().unwrap();
    assert_eq!(text_string(catalog.get(b"Lang").unwrap()), "zh-CN");
    let mark_info = dict(&doc, catalog.get(b"MarkInfo").unwrap());
    assert!(
        mark_info.get(b"Marked").unwrap().as_bool().unwrap(),
        "tagged PDF"
    );
}

#[test]
fn bookmarks_list_every_article_under_its_section() {
    let entries = support::outline(&pdf_bytes());
    let expected: Vec<(usize, &str)> = vec![
        (0, "2023年北京市全民科学素质工作第二次会议召开"),
        (0, "主题教育"),
        (1, "市科协召开主题教育学习研讨专题会"),
        (0, "科普工作"),
        (1, "举全市之力打造首都群众性科学文化活动盛宴"),
        (0, "科创工作"),
        (
            1,
            "“千人进千企”服务团产学研用成果对接会——高端装备制造专场活动在京举办",
        ),
        (0, "国际科技交流"),
        (1, "国际科技组织总部集聚区举办主题沙龙"),
        (0, "基层动态"),
        (1, "石景山区科协第九次代表大会召开"),
        (
            1,
            "门头沟区科协积极参与防汛抢险救灾工作并组织科技企业向灾区捐款",
        ),
        (1, "科技成果转化服务团深入企业探寻需求力求转化"),
    ];
    let got: Vec<(usize, &str)> = entries.iter().map(|(d, t)| (*d, t.as_str())).collect();
    assert_eq!(got, expected);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let root = support::repo();
    let again = support::build_issue(&root, 74).unwrap();
    let second = again.pdf(&[]).unwrap();
    assert!(pdf_bytes() == second, "two builds of issue 74 differ");
}

#[test]
fn archival_pdf_a_2b_passes_typst_checks_and_declares_itself() {
    let built = support::issue_74();
    let bytes = built
        .pdf(&[typst_pdf::PdfStandard::A_2b])
        .expect("PDF/A-2b export: every glyph, font and date as the standard requires");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("pdfaid:part") && text.contains("pdfaid:conformance"),
        "XMP declares PDF/A"
    );
    Document::load_mem(&bytes).expect("the PDF/A parses");
}

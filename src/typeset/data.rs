//! The issue as the JSON file the layout reads. Editor text travels here as
//! JSON strings and the layout only ever prints them: nothing typed by an
//! editor becomes Typst markup or code.

use serde::Serialize;

use crate::fonts::FontData;
use crate::input::config::Config;
use crate::input::config::Placed;
use crate::input::issue::Issue;

/// Everything the layout needs to print one issue.
#[derive(Debug, Serialize)]
pub struct IssueData {
    pub meta: Meta,
    pub masthead: Masthead,
    pub contents: Contents,
    pub articles: Vec<ArticleData>,
    pub footer: FooterData,
    pub layout: LayoutData,
    pub fonts: FontData,
}

#[derive(Debug, Serialize)]
pub struct Meta {
    /// The PDF title: 科协每周动态 2023年第21期（总第74期）.
    pub title: String,
    pub author: String,
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Serialize)]
pub struct Masthead {
    pub name: String,
    pub issue_line: String,
    pub publisher: String,
    pub date: String,
}

#[derive(Debug, Serialize)]
pub struct Contents {
    pub heading: String,
    pub entries: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ArticleData {
    /// The section name when this article opens a run of its section (the
    /// heading is printed here), otherwise null.
    pub section_heading: Option<String>,
    /// Whether the article belongs to a section (for the outline).
    pub in_section: bool,
    pub title: Vec<String>,
    pub paragraphs: Vec<String>,
    pub source: Option<String>,
    /// The editor's note (编者按), in paragraphs; empty for none.
    pub note: Vec<String>,
    pub images: Vec<ImageData>,
}

/// A picture as the layout places it.
#[derive(Debug, Serialize)]
pub struct ImageData {
    /// From the publication folder's root: `/images/74/photo.jpg`.
    pub path: String,
    pub caption: Option<String>,
    /// The paragraph (from 1) it follows; null: after the body.
    pub after: Option<usize>,
    /// The printed height asked for, in points; null: the layout's choice.
    pub height: Option<f64>,
    /// `png`, `jpg` or `svg`, from the file's bytes (its name may say
    /// otherwise).
    pub format: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FooterData {
    pub lines: Vec<String>,
    pub editor: Option<String>,
    pub reviewer: Option<String>,
    pub distribution: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct LayoutData {
    pub page_numbers: bool,
    pub red: String,
    pub cjk_latin_spacing: bool,
}

impl IssueData {
    pub fn new(config: &Config, issue: &Issue, fonts: FontData) -> Self {
        let issue_line = issue.issue_line(config);
        let publication = &config.publication;
        let articles = issue
            .articles
            .iter()
            .map(|article| ArticleData {
                section_heading: article.section.clone().filter(|_| article.opens_section),
                in_section: article.section.is_some(),
                title: article.title.clone(),
                paragraphs: article.paragraphs.clone(),
                source: article.source.clone(),
                note: article.note.clone(),
                images: article
                    .images
                    .iter()
                    .map(|image| ImageData {
                        path: image.virtual_path(),
                        caption: image.caption.clone(),
                        after: image.after,
                        height: image.height,
                        format: image.format.typst_name(),
                    })
                    .collect(),
            })
            .collect();
        Self {
            meta: Meta {
                title: format!("{} {}", publication.name.text, issue_line),
                author: publication.publisher.text.clone(),
                year: issue.date.year,
                month: issue.date.month,
                day: issue.date.day,
            },
            masthead: Masthead {
                name: publication.name.text.clone(),
                issue_line,
                publisher: publication.publisher.text.clone(),
                date: issue.date.chinese(),
            },
            contents: Contents {
                heading: publication.contents_heading.text.clone(),
                entries: issue
                    .articles
                    .iter()
                    .filter_map(|a| a.contents.clone())
                    .collect(),
            },
            articles,
            footer: FooterData {
                lines: texts(&issue.footer.lines),
                editor: issue.footer.editor.as_ref().map(|v| v.text.clone()),
                reviewer: issue.footer.reviewer.as_ref().map(|v| v.text.clone()),
                distribution: texts(&issue.footer.distribution),
            },
            layout: LayoutData {
                page_numbers: config.layout.page_numbers,
                red: config.layout.red.clone(),
                cjk_latin_spacing: config.layout.cjk_latin_spacing,
            },
            fonts,
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("plain data always serialises")
    }
}

fn texts(values: &[Placed]) -> Vec<String> {
    values.iter().map(|v| v.text.clone()).collect()
}

//! Layout rules that issue 74 alone does not exercise, checked on changed
//! copies of the publication: a long name, long contents entries, an
//! attribution that needs its own line, a 报尾 that needs a new page, the
//! [layout] and [fonts] settings.

use crate::support;

use bulletin::i18n::{self, Lang};

use support::{BOTTOM, Run, TempPublication, WIDTH, extent, left, line_text, lines, pages};

#[test]
fn a_long_publication_name_shrinks_to_one_line() {
    let long = "中国科学技术协会北京市委员会办公室每周工作动态";
    let publication = named(long);
    let name = masthead_name(&publication);
    assert_eq!(line_text(&name), long);
    let (start, end) = extent(&name);
    assert!(
        start >= left(1) - 0.5 && end <= left(1) + WIDTH + 0.5,
        "within the type area: {start}..{end}"
    );
    assert!(name[0].size < 52.0, "scaled down");
}

/// The publication, its name changed to `name`.
fn named(name: &str) -> TempPublication {
    let publication = TempPublication::new();
    publication.edit(
        "bulletin.toml",
        "name = \"科协每周动态\"",
        &format!("name = \"{name}\""),
    );
    publication
}

/// The masthead name's runs on page 1 of `publication`, as one line.
fn masthead_name(publication: &TempPublication) -> Vec<Run> {
    let built = publication.build().unwrap();
    let runs: Vec<Run> = pages(&built)[0]
        .runs
        .iter()
        .filter(|r| r.fill == [0xE6, 0x00, 0x12, 0xFF] && r.face == "NotoSerifSC-Bold")
        .cloned()
        .collect();
    let mut name_lines = lines(&runs);
    assert_eq!(name_lines.len(), 1, "never wrapped");
    name_lines.remove(0)
}

/// The gaps between the characters of a line of runs, one character per
/// run or several: each character's advance is the run's size.
fn letter_gaps(line: &[Run]) -> Vec<f64> {
    let mut starts = Vec::new();
    for run in line {
        let count = run.text.chars().count();
        for k in 0..count {
            starts.push(run.x + k as f64 * run.size);
        }
    }
    starts
        .windows(2)
        .map(|w| w[1] - w[0] - line[0].size)
        .collect()
}

#[test]
fn a_long_name_drops_its_letter_spacing_before_it_shrinks() {
    // 16 characters: at no spacing they fit at 27.6 pt.
    let long = "北京市科学技术协会信息化工作简报";
    let publication = named(long);
    let name = masthead_name(&publication);
    assert_eq!(line_text(&name), long);
    let size = name[0].size;
    assert!(size >= 26.0, "printed at {size:.1} pt");
    assert!(
        letter_gaps(&name).iter().all(|g| g.abs() < 0.2),
        "no letter-spacing"
    );
    let (start, end) = extent(&name);
    assert!(start >= left(1) - 0.5 && end <= left(1) + WIDTH + 0.5);

    // 8 characters fit at full size with less spacing.
    let eight = "北京科协工作简报";
    let publication = named(eight);
    let name = masthead_name(&publication);
    assert_eq!(name[0].size, 52.0, "full size");
    let gaps = letter_gaps(&name);
    assert!(gaps.iter().all(|&g| g > 0.5 && g < 0.2 * 52.0), "{gaps:?}");
    let (start, end) = extent(&name);
    assert!(
        end - start <= WIDTH + 0.5 && end - start > WIDTH - 2.0,
        "fills the width"
    );

    // A short name keeps its full letter-spacing (0.2 em).
    let name = masthead_name(&TempPublication::new());
    assert_eq!(name[0].size, 52.0);
    assert!(letter_gaps(&name).iter().all(|g| (g - 10.4).abs() < 0.2));
}

#[test]
fn a_long_contents_entry_wraps_under_its_text_not_the_bullet() {
    let publication = TempPublication::new();
    publication.edit(
        support::ISSUE_74,
        "contents = \"北京市全民科学素质工作第二次会议召开\"",
        "contents = \"北京市全民科学素质工作第二次会议召开，部署下半年全民科学素质工作重点任务和全国科普日活动\"",
    );
    let built = publication.build().unwrap();
    let page_1 = lines(&pages(&built)[0].runs);
    let first = page_1
        .iter()
        .position(|l| line_text(l).starts_with("●北京市全民"))
        .unwrap();
    let continuation = &page_1[first + 1];
    assert!(!line_text(continuation).starts_with('●'), "the entry wraps");
    let bullet = &page_1[first][0];
    let text_start = page_1[first]
        .iter()
        .find(|r| !r.text.starts_with('●'))
        .map(|r| r.x)
        .unwrap_or(bullet.x + 16.0);
    assert!(
        (continuation[0].x - text_start).abs() < 1.0
            || (continuation[0].x - (bullet.x + 15.8)).abs() < 1.0,
        "hanging under the text"
    );
    assert!(continuation[0].x > bullet.x + 10.0, "not under the bullet");
}

#[test]
fn an_attribution_that_does_not_fit_goes_flush_right_on_its_own_line() {
    let publication = TempPublication::new();
    // Make the last line of the last paragraph full, so that the source
    // cannot follow on it.
    publication.edit(
        support::ISSUE_74,
        "为科技成果转化贡献力量。",
        "为科技成果转化贡献力量，为首都高质量发展作出新的更大贡献，推动纺织行业转型升级持续深入。",
    );
    let built = publication.build().unwrap();
    let all: Vec<Run> = pages(&built).into_iter().flat_map(|p| p.runs).collect();
    let all_lines = lines(&all);
    let at = all_lines
        .iter()
        .position(|l| l.iter().any(|r| r.text == "（北京纺织工程学会）"))
        .unwrap();
    let line = &all_lines[at];
    let source = line
        .iter()
        .find(|r| r.text == "（北京纺织工程学会）")
        .unwrap();
    let page = source.page;
    assert!(
        (source.x + source.width - (left(page) + WIDTH)).abs() < 1.0,
        "flush right"
    );
    let text_on_line: String = line
        .iter()
        .filter(|r| r.face != "FandolKai-Regular")
        .map(|r| r.text.as_str())
        .collect();
    if text_on_line.is_empty() {
        // On its own line: the paragraph ended on the line above.
        assert!(line_text(&all_lines[at - 1]).ends_with("持续深入。"));
    } else {
        assert!(text_on_line.ends_with("持续深入。"), "{text_on_line}");
    }
}

#[test]
fn the_closing_block_moves_to_a_new_page_when_the_last_page_is_full() {
    let publication = TempPublication::new();
    let built = publication.build().unwrap();
    let before = built.document.pages().len();
    // Add paragraphs to the last article until its text fills the last page.
    let extra =
        "专家结合每个企业自身实际需求以及行业发展和市场情况，对技术创新和科技成果转化予以指导。";
    let mut added = String::new();
    for attempt in 0..30 {
        added.push_str(&format!("\n\n{extra}"));
        let p = TempPublication::new();
        p.edit(
            support::ISSUE_74,
            "为科技成果转化贡献力量。",
            &format!("为科技成果转化贡献力量。{added}"),
        );
        let built = p.build().unwrap();
        let pages = pages(&built);
        let last = pages.last().unwrap();
        let has_text = last.runs.iter().any(|r| r.size == 16.0);
        if !has_text {
            // The 报尾 stands alone at the foot of a new page.
            assert!(pages.len() > before);
            let lowest = last.rules.iter().map(|r| r.y0).fold(f64::MIN, f64::max);
            assert!((lowest - BOTTOM).abs() < 0.6);
            assert!(last.runs.iter().any(|r| r.text.starts_with("分送")));
            let previous = &pages[pages.len() - 2];
            assert!(!previous.runs.iter().any(|r| r.text.contains("分送")));
            return;
        }
        // Whenever text shares the page, the block stays below all of it.
        let top_rule = last.rules.iter().map(|r| r.y0).fold(f64::MAX, f64::min);
        assert!(
            last.runs
                .iter()
                .filter(|r| r.size == 16.0)
                .all(|r| r.y < top_rule),
            "attempt {attempt}: overlap"
        );
    }
    panic!("the 报尾 never needed a page of its own");
}

#[test]
fn layout_settings_turn_off_page_numbers_and_change_the_red() {
    let publication = TempPublication::new();
    publication.append(
        "bulletin.toml",
        "\n[layout]\npage_numbers = false\nred = \"#C00000\"\n",
    );
    let built = publication.build().unwrap();
    let pages = pages(&built);
    assert!(
        pages
            .iter()
            .all(|p| p.runs.iter().all(|r| r.face != "FandolSong-Regular")),
        "no page numbers"
    );
    let name = pages[0].runs.iter().find(|r| r.size > 36.0).unwrap();
    assert_eq!(name.fill, [0xC0, 0, 0, 0xFF]);
    assert!(
        pages[0].rules.iter().any(|r| r.color == [0xC0, 0, 0, 0xFF]),
        "the rule follows the colour"
    );
}

#[test]
fn cjk_latin_spacing_is_off_by_default_and_can_be_turned_on() {
    // The date under the masthead is set ragged, so its width shows the
    // automatic gaps between 2023 and 年 (and 8, 11) when they are on.
    fn date_width(built: &bulletin::typeset::build::Built) -> f64 {
        let runs: Vec<Run> = pages(built)[0].runs.clone();
        let line = lines(&runs)
            .into_iter()
            .find(|l| line_text(l).ends_with("2023年8月11日"))
            .unwrap();
        let date: Vec<Run> = line
            .into_iter()
            .filter(|r| !r.text.contains("科协"))
            .collect();
        assert_eq!(line_text(&date), "2023年8月11日");
        let (start, end) = extent(&date);
        end - start
    }
    let plain = date_width(&TempPublication::new().build().unwrap());
    let spaced = TempPublication::new();
    spaced.append("bulletin.toml", "\n[layout]\ncjk_latin_spacing = true\n");
    let spaced = date_width(&spaced.build().unwrap());
    assert!(
        spaced - plain > 8.0,
        "gaps only when turned on: {plain} vs {spaced}"
    );
}

#[test]
fn a_font_named_in_fonts_serves_its_role_and_a_missing_one_warns() {
    let publication = TempPublication::new();
    // "FandolKai" is a family the build knows; the 仿宋 role takes it.
    publication.append(
        "bulletin.toml",
        "\n[fonts]\nbody = [\"FandolKai\"]\nheading = [\"方正黑体_GBK\"]\n",
    );
    let built = publication.build().unwrap();
    let body_line = lines(&pages(&built)[1].runs).into_iter().next().unwrap();
    assert_eq!(
        body_line[0].face, "FandolKai-Regular",
        "the body role uses the named family"
    );
    assert_eq!(built.warnings.len(), 1, "{:?}", built.warnings);
    // A font not found is about the publication, at no place in a file.
    let warning = built.warnings[0].to_string();
    assert!(built.warnings[0].located().is_none(), "{warning}");
    assert!(warning.contains("方正黑体_GBK") && warning.contains("FandolHei"));
}

#[test]
fn fonts_in_a_folder_are_found_by_any_of_their_names() {
    let publication = TempPublication::new();
    let folder = publication.path("fonts-local");
    std::fs::create_dir(&folder).unwrap();
    copy_song(&folder.join("song.otf"));
    // "FandolSong-Regular" is the face's PostScript name, not its family
    // name, as an office may name 仿宋_GB2312 by its Chinese name.
    publication.append(
        "bulletin.toml",
        "\n[fonts]\nbody = [\"FandolSong-Regular\"]\npaths = [\"fonts-local\"]\n",
    );
    let built = publication.build().unwrap();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let origins = &support::issue_74().world.fonts().origins;
    let here = &built.world.fonts().origins;
    assert_eq!(here.len(), origins.len() + 1, "the folder's font is loaded");
    let body_line = lines(&pages(&built)[1].runs).into_iter().next().unwrap();
    assert_eq!(
        body_line[0].face, "FandolSong-Regular",
        "the body role uses it"
    );
}

#[test]
fn a_font_folder_that_does_not_exist_is_an_error_at_its_line() {
    let publication = TempPublication::new();
    publication.append("bulletin.toml", "\n[fonts]\npaths = [\"nowhere\"]\n");
    // In English whatever the process's language (other tests run in it).
    let err = i18n::with_lang(Lang::En, || {
        publication.build().err().expect("an error").to_string()
    });
    assert!(
        err.contains("bulletin.toml:") && err.contains("nowhere"),
        "{err}"
    );
}

#[test]
fn a_paragraph_never_ends_with_one_character_alone_even_before_an_attribution() {
    // 27 characters and a full stop: after the two-character indent, 26 fill
    // the first line, so one character would be left for the last line,
    // where the attribution leaves Typst's own runt rule no grip.
    let publication = TempPublication::new();
    let paragraph: String = "专家结合每个企业自身实际需求以及行业发展和市场情况予以指导"
        .chars()
        .take(27)
        .chain(['。'])
        .collect();
    publication.edit(
        support::ISSUE_74,
        "，为科技成果转化贡献力量。",
        &format!("。\n\n{paragraph}"),
    );
    let built = publication.build().unwrap();
    let all: Vec<Run> = pages(&built).into_iter().flat_map(|p| p.runs).collect();
    let lines = lines(&all);
    let last = lines
        .iter()
        .find(|l| l.iter().any(|r| r.text == "（北京纺织工程学会）"))
        .unwrap();
    let own: usize = last
        .iter()
        .filter(|r| r.face == "FandolFang-Regular")
        .map(|r| r.text.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    assert!(
        own >= 2,
        "单字成行 before the attribution: {}",
        line_text(last)
    );
}

#[test]
fn a_font_folder_with_broken_files_and_link_loops_is_read_safely() {
    let publication = TempPublication::new();
    let folder = publication.path("fonts-local");
    std::fs::create_dir_all(folder.join("loop")).unwrap();
    // A collection header claiming four billion fonts in twelve bytes.
    std::fs::write(
        folder.join("broken.ttc"),
        b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff",
    )
    .unwrap();
    std::fs::write(folder.join("empty.otf"), b"").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(".", folder.join("loop/again")).unwrap();
        std::os::unix::fs::symlink("..", folder.join("loop/up")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", folder.join("zero.ttf")).unwrap();
    }
    copy_song(&folder.join("loop/song.otf"));
    publication.append(
        "bulletin.toml",
        "\n[fonts]\npaths = [\"fonts-local\", \"fonts-local/loop\"]\n",
    );
    let built = publication.build().unwrap();
    let embedded = support::issue_74().world.fonts().origins.len();
    assert_eq!(
        built.world.fonts().origins.len(),
        embedded + 1,
        "the one real font, once"
    );
}

/// Puts a copy of an embedded font (FandolSong) where a font folder test wants it.
fn copy_song(to: &std::path::Path) {
    std::fs::copy(support::repo().join("fonts/FandolSong-Regular.otf"), to).unwrap();
}

//! Laying out an issue and writing it as PDF, or its pages as PNG or SVG.

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::Smart;
use typst::utils::Scalar;
use typst_kit::diagnostics::{DiagnosticFormat, emit, termcolor};
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::input::issue::Date;
use crate::t;
use crate::typeset::world::BulletinWorld;

/// Lays out the world's issue. On failure, returns the Typst diagnostics
/// rendered as text (file, line, the source and a marker).
pub fn layout(world: &BulletinWorld) -> Result<(PagedDocument, Vec<String>), String> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let warnings = warnings
        .iter()
        .map(|w| diagnostics_text(world, std::slice::from_ref(w)))
        .collect();
    match output {
        Ok(document) => Ok((document, warnings)),
        Err(errors) => Err(diagnostics_text(world, &errors)),
    }
}

/// Writes the document as PDF. The PDF's dates come from the issue, so the
/// same input always gives the same bytes.
pub fn pdf(
    world: &BulletinWorld,
    document: &PagedDocument,
    date: Date,
    standards: &[PdfStandard],
) -> Result<Vec<u8>, String> {
    let standards = PdfStandards::new(standards).map_err(|_| {
        let asked: Vec<String> = standards.iter().map(|s| standard_name(*s)).collect();
        t!(
            "render-pdf-standards-incompatible",
            standards = asked.join(" + ")
        )
    })?;
    let options = PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some(concat!("bulletin ", env!("CARGO_PKG_VERSION")).into())),
        timestamp: date.to_datetime().map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| diagnostics_text(world, &errors))
}

/// A standard's own name (`PDF/UA-1`, `PDF 2.0`), from the value
/// `--pdf-standard` takes (`ua-1`, `2.0`).
fn standard_name(standard: PdfStandard) -> String {
    let value = serde_json::to_value(standard)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{standard:?}"));
    match value.split_once('-') {
        Some((family, part)) => format!("PDF/{}-{part}", family.to_uppercase()),
        None => format!("PDF {value}"),
    }
}

/// A page as a PNG image at `ppi` pixels per inch, on white.
pub fn png(page: &Page, ppi: f32) -> Result<Vec<u8>, String> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|err| t!("render-png-failed", error = err.to_string()))
}

/// A page as an SVG image; text is drawn as outlines, so it looks the same
/// without the fonts.
pub fn svg(page: &Page) -> String {
    let options = typst_svg::SvgOptions {
        render_bleed: false,
        pretty: false,
    };
    typst_svg::svg(page, &options)
}

fn diagnostics_text(world: &BulletinWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let mut buffer = termcolor::NoColor::new(Vec::new());
    if emit(&mut buffer, world, diagnostics, DiagnosticFormat::Human).is_err() {
        return diagnostics
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("\n");
    }
    String::from_utf8_lossy(&buffer.into_inner())
        .trim_end()
        .to_string()
}

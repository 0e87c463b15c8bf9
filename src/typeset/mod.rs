//! From a checked issue to its pages: [`data`] is the JSON the layout
//! reads, [`world`] the Typst world (the embedded layout, fonts, files),
//! [`build`] reads, checks and lays out, [`render`] draws PDF, PNG and SVG,
//! [`export`] writes them whole; [`volume`] binds a year's issues.

pub mod build;
pub mod data;
pub mod export;
pub mod render;
pub mod volume;
pub mod world;

//! Pictures made for the tests.

use std::io::Cursor;

/// A PNG picture of `width` × `height` pixels, a gradient so that two
/// different sizes never give the same bytes.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    });
    let mut bytes = Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

/// A real, small PNG whose header declares `w` × `h` pixels: a
/// decompression bomb as far as anything reading its header can tell.
pub fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(4, 4, image::Rgb([20, 150, 90]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    declaring(bytes, w, h)
}

/// A PNG of 16 bits a channel with transparency (8 bytes a pixel once
/// decoded) whose header declares `w` × `h` pixels.
pub fn png_16_bit_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(
        4,
        4,
        image::Rgba([5000, 40000, 20000, 65535]),
    )
    .write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .unwrap();
    declaring(bytes, w, h)
}

/// `png` with the width and height of its header changed.
fn declaring(mut bytes: Vec<u8>, w: u32, h: u32) -> Vec<u8> {
    // Signature (8), IHDR length (4), "IHDR" (4), width, height, five more
    // bytes, then the chunk's CRC-32 (ISO 3309) over type and data.
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let mut crc = !0u32;
    for &byte in &bytes[12..29] {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    bytes[29..33].copy_from_slice(&(!crc).to_be_bytes());
    bytes
}

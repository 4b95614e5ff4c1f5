//! Turns laid-out pages into a PDF with printpdf (fonts subset), then adds
//! what printpdf does not: the report's data as an embedded JSON file
//! (PDF 2.0 associated file, also in the EmbeddedFiles name tree) and the
//! data's SHA-256 in the document information, inside the signed bytes.

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Object, Stream, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use sha2::{Digest, Sha256};

use crate::font::{BOLD, REGULAR, Weight};
use crate::layout::{Draw, Pages, Rgb};
use crate::{ReportError, hex};

/// The name of the embedded data file.
pub const ATTACHMENT_NAME: &str = "assay-report.json";
/// Document-information key holding the SHA-256 of the attachment.
pub const DATA_HASH_KEY: &[u8] = b"AssayDataSHA256";

pub(crate) struct Meta<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) keywords: Vec<String>,
    pub(crate) created: DateTime<Utc>,
    pub(crate) app_version: &'a str,
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.0, c.1, c.2, None))
}

fn ops(page: &[Draw], regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut out = Vec::new();
    for d in page {
        match d {
            Draw::Text {
                x,
                y,
                text,
                size,
                weight,
                color,
            } => {
                let font = match weight {
                    Weight::Regular => regular.clone(),
                    Weight::Bold => bold.clone(),
                };
                out.extend([
                    Op::StartTextSection,
                    Op::SetFillColor {
                        col: colour(*color),
                    },
                    Op::SetFont {
                        font: PdfFontHandle::External(font),
                        size: Pt(*size),
                    },
                    Op::SetTextCursor {
                        pos: Point {
                            x: Pt(*x),
                            y: Pt(*y),
                        },
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
            Draw::Rect { x, y, w, h, fill } => out.extend([
                Op::SetFillColor { col: colour(*fill) },
                Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(*y),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                },
            ]),
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
            } => out.extend([
                Op::SetOutlineColor {
                    col: colour(*color),
                },
                Op::SetOutlineThickness { pt: Pt(*width) },
                Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: Pt(*y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: Pt(*y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                },
            ]),
        }
    }
    out
}

pub(crate) fn write(
    pages: &Pages,
    meta: &Meta<'_>,
    data_json: &[u8],
) -> Result<Vec<u8>, ReportError> {
    let mut doc = PdfDocument::new(meta.title);
    let created = printpdf::OffsetDateTime::from_unix_timestamp(meta.created.timestamp())
        .map_err(|e| ReportError::Render(e.to_string()))?;
    let info = &mut doc.metadata.info;
    info.author = meta.author.to_owned();
    info.subject = meta.subject.to_owned();
    info.keywords = meta.keywords.clone();
    info.creator = format!("Assay {}", meta.app_version);
    // The XMP metadata says the same (see `pdf_meta`).
    info.producer = format!("Assay {}", meta.app_version);
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;

    let mut warnings = Vec::new();
    let regular = ParsedFont::from_bytes(REGULAR, 0, &mut warnings)
        .ok_or_else(|| ReportError::Render("the regular font does not parse".into()))?;
    let bold = ParsedFont::from_bytes(BOLD, 0, &mut warnings)
        .ok_or_else(|| ReportError::Render("the bold font does not parse".into()))?;
    let regular = doc.add_font(&regular);
    let bold = doc.add_font(&bold);
    let pdf_pages = pages
        .pages
        .iter()
        .map(|p| PdfPage::new(Mm(210.0), Mm(297.0), ops(p, &regular, &bold)))
        .collect();
    doc.with_pages(pdf_pages);
    // printpdf's own optimisation compresses at the slowest level; the
    // streams are compressed once, fast, after the data is attached.
    let options = PdfSaveOptions {
        subset_fonts: true,
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let bytes = doc.save(&options, &mut Vec::new());
    attach(&bytes, data_json, meta, &pages.outline)
}

/// Adds `data` as an embedded file and records its hash in the document
/// information dictionary.
fn attach(
    pdf: &[u8],
    data: &[u8],
    meta: &Meta<'_>,
    outline: &[(String, usize)],
) -> Result<Vec<u8>, ReportError> {
    let mut doc = lopdf::Document::load_mem(pdf)
        .map_err(|e| ReportError::Render(format!("re-reading the rendered PDF: {e}")))?;
    doc.prune_objects();
    write_outline(&mut doc, outline)?;
    let digest = hex(&Sha256::digest(data));
    let mut params = Dictionary::new();
    params.set(
        "Size",
        Object::Integer(i64::try_from(data.len()).unwrap_or(i64::MAX)),
    );
    params.set(
        "CheckSum",
        Object::String(md5_free_checksum(data), StringFormat::Hexadecimal),
    );
    params.set(
        "ModDate",
        Object::string_literal(meta.created.format("D:%Y%m%d%H%M%S+00'00'").to_string()),
    );
    let mut stream_dict = Dictionary::new();
    stream_dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
    stream_dict.set("Subtype", Object::Name(b"application/json".to_vec()));
    stream_dict.set("Params", Object::Dictionary(params));
    // Stored as is: its SHA-256 is checked over these very bytes.
    let file_id = doc.add_object(Stream::new(stream_dict, data.to_vec()).with_compression(false));
    let mut ef = Dictionary::new();
    ef.set("F", Object::Reference(file_id));
    ef.set("UF", Object::Reference(file_id));
    let mut spec = Dictionary::new();
    spec.set("Type", Object::Name(b"Filespec".to_vec()));
    spec.set("F", Object::string_literal(ATTACHMENT_NAME));
    spec.set("UF", Object::string_literal(ATTACHMENT_NAME));
    spec.set(
        "Desc",
        Object::string_literal("The project data this report was rendered from"),
    );
    spec.set("AFRelationship", Object::Name(b"Data".to_vec()));
    spec.set("EF", Object::Dictionary(ef));
    let spec_id = doc.add_object(spec);
    let mut embedded = Dictionary::new();
    embedded.set(
        "Names",
        Object::Array(vec![
            Object::string_literal(ATTACHMENT_NAME),
            Object::Reference(spec_id),
        ]),
    );
    let mut names = Dictionary::new();
    names.set("EmbeddedFiles", Object::Dictionary(embedded));
    let catalog = doc
        .catalog_mut()
        .map_err(|e| ReportError::Render(e.to_string()))?;
    catalog.set("Names", Object::Dictionary(names));
    catalog.set("AF", Object::Array(vec![Object::Reference(spec_id)]));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));

    let info_id = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => *id,
        _ => {
            let id = doc.add_object(Dictionary::new());
            doc.trailer.set("Info", Object::Reference(id));
            id
        }
    };
    if let Ok(Object::Dictionary(info)) = doc.get_object_mut(info_id) {
        info.set(DATA_HASH_KEY.to_vec(), Object::string_literal(digest));
    }
    let producer = format!("Assay {}", meta.app_version);
    let facts = crate::pdf_meta::Facts {
        title: meta.title,
        author: meta.author,
        subject: meta.subject,
        producer: &producer,
        created: meta.created,
        identity: data,
    };
    crate::pdf_meta::apply(&mut doc, &facts).map_err(|e| ReportError::Render(e.to_string()))?;
    compress_streams(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| ReportError::Render(e.to_string()))?;
    Ok(out)
}

/// Deflates every stream that allows it at a fast level: a report is a few
/// hundred kilobytes either way, and the slowest level costs more time than
/// the rest of rendering.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        if encoder.write_all(&stream.content).is_err() {
            continue;
        }
        if let Ok(compressed) = encoder.finish()
            && compressed.len() < stream.content.len()
        {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// The bookmarks, in document order: a flat list of the headings, each
/// opening its page.
fn write_outline(
    doc: &mut lopdf::Document,
    entries: &[(String, usize)],
) -> Result<(), ReportError> {
    if entries.is_empty() {
        return Ok(());
    }
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.new_object_id();
    let ids: Vec<lopdf::ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (i, (title, page)) in entries.iter().enumerate() {
        let page_id = pages.get(page.saturating_sub(1)).copied().ok_or_else(|| {
            ReportError::Render(format!("a bookmark points past the last page: {title}"))
        })?;
        let mut item = Dictionary::new();
        item.set(
            "Title",
            Object::String(utf16(title), StringFormat::Hexadecimal),
        );
        item.set("Parent", Object::Reference(root));
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page_id),
                Object::Name(b"Fit".to_vec()),
            ]),
        );
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(ids[0]));
    outlines.set("Last", Object::Reference(ids[ids.len() - 1]));
    outlines.set("Count", Object::Integer(ids.len() as i64));
    doc.objects.insert(root, Object::Dictionary(outlines));
    let catalog = doc
        .catalog_mut()
        .map_err(|e| ReportError::Render(e.to_string()))?;
    catalog.set("Outlines", Object::Reference(root));
    Ok(())
}

/// A PDF text string in UTF-16BE with its byte-order mark.
fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend(unit.to_be_bytes());
    }
    out
}

/// The PDF `CheckSum` entry is an MD5 by specification; Assay records the
/// first 16 bytes of the SHA-256 instead of pulling in MD5, and verifies
/// with the full SHA-256 in the information dictionary.
fn md5_free_checksum(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data)[..16].to_vec()
}

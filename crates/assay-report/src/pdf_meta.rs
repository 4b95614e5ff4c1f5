//! The PDF's own facts, set right after printpdf: a document ID unique to
//! this report, no claim to be PDF/X (printpdf writes an empty
//! `GTS_PDFXVersion`, which makes tools call the file PDF/X), PDF 1.7, the
//! document language, an sRGB output intent and XMP metadata that agree
//! with the information dictionary. These are the ingredients of PDF/A-3b;
//! the file does not claim PDF/A conformance, since no PDF/A validator
//! runs here to confirm it.

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat};
use sha2::{Digest, Sha256};

/// The language the report is written in (BCP 47).
const LANGUAGE: &str = "en-GB";

pub(crate) struct Facts<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) producer: &'a str,
    pub(crate) created: DateTime<Utc>,
    /// Bytes that make this report what it is (its embedded data).
    pub(crate) identity: &'a [u8],
}

pub(crate) fn apply(doc: &mut Document, facts: &Facts<'_>) -> Result<(), lopdf::Error> {
    doc.version = "1.7".into();
    let digest = Sha256::digest([facts.identity, facts.created.to_rfc3339().as_bytes()].concat());
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    if let Ok(Object::Reference(info)) = doc.trailer.get(b"Info").cloned()
        && let Ok(Object::Dictionary(dict)) = doc.get_object_mut(info)
    {
        dict.remove(b"GTS_PDFXVersion");
        dict.remove(b"GTS_PDFXConformance");
    }
    let intent = output_intent(doc);
    let metadata = doc.add_object(xmp(facts));
    let catalog = doc.catalog_mut()?;
    catalog.set("Lang", Object::string_literal(LANGUAGE));
    catalog.set("OutputIntents", Object::Array(vec![intent]));
    catalog.set("Metadata", Object::Reference(metadata));
    Ok(())
}

fn output_intent(doc: &mut Document) -> Object {
    let mut icc_dict = Dictionary::new();
    icc_dict.set("N", Object::Integer(3));
    let profile = doc.add_object(Stream::new(icc_dict, srgb_profile()));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent.set("OutputConditionIdentifier", Object::string_literal("sRGB"));
    intent.set("Info", Object::string_literal("sRGB IEC61966-2.1"));
    intent.set("DestOutputProfile", Object::Reference(profile));
    Object::Dictionary(intent)
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xmp(facts: &Facts<'_>) -> Stream {
    let date = facts.created.format("%Y-%m-%dT%H:%M:%SZ");
    let body = format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{producer}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        title = xml_escape(facts.title),
        author = xml_escape(facts.author),
        subject = xml_escape(facts.subject),
        producer = xml_escape(facts.producer),
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Metadata stays uncompressed so any tool can read it.
    Stream::new(dict, body.into_bytes()).with_compression(false)
}

/// A minimal ICC v2 display profile for sRGB: D65 primaries adapted to
/// D50 (as ICC requires), gamma 2.2 curves. Built here rather than shipped,
/// so no third-party profile and licence come with the report.
pub(crate) fn srgb_profile() -> Vec<u8> {
    let xyz = |x: f64, y: f64, z: f64| -> Vec<u8> {
        let mut out = b"XYZ \0\0\0\0".to_vec();
        for v in [x, y, z] {
            out.extend(s15_fixed16(v));
        }
        out
    };
    let curve = {
        let mut out = b"curv\0\0\0\0".to_vec();
        out.extend(1u32.to_be_bytes());
        out.extend(563u16.to_be_bytes()); // 2.2 as u8Fixed8Number
        out.extend([0, 0]);
        out
    };
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", description("sRGB (Assay, gamma 2.2)")),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut offset = 128 + table_len;
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    for (signature, body) in &tags {
        table.extend(*signature);
        table.extend((offset as u32).to_be_bytes());
        table.extend((body.len() as u32).to_be_bytes());
        data.extend(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
        offset = 128 + table_len + data.len();
    }
    let size = 128 + table.len() + data.len();
    let mut header = Vec::with_capacity(128);
    header.extend((size as u32).to_be_bytes());
    header.extend([0; 4]); // preferred CMM
    header.extend([0x02, 0x10, 0, 0]); // version 2.1
    header.extend(b"mntrRGB XYZ ");
    header.extend([0; 12]); // date
    header.extend(b"acsp");
    header.extend([0; 24]); // platform, flags, manufacturer, model, attributes
    header.extend([0; 4]); // rendering intent: perceptual
    for v in [0.9642, 1.0, 0.8249] {
        header.extend(s15_fixed16(v));
    }
    header.resize(128, 0);
    [header, table, data].concat()
}

fn s15_fixed16(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn text(s: &str) -> Vec<u8> {
    let mut out = b"text\0\0\0\0".to_vec();
    out.extend(s.as_bytes());
    out.push(0);
    out
}

/// `textDescriptionType`: ASCII, then empty Unicode and ScriptCode parts.
fn description(s: &str) -> Vec<u8> {
    let mut out = b"desc\0\0\0\0".to_vec();
    out.extend((s.len() as u32 + 1).to_be_bytes());
    out.extend(s.as_bytes());
    out.push(0);
    out.extend([0; 8]); // Unicode language code and count
    out.extend([0; 3]); // ScriptCode code and count
    out.extend([0; 67]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_profile_declares_its_own_size_and_tags() {
        let p = super::srgb_profile();
        assert_eq!(
            u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize,
            p.len()
        );
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(u32::from_be_bytes([p[128], p[129], p[130], p[131]]), 9);
    }
}

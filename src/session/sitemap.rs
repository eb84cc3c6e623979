//! The web edition's sitemap, with the DiWoo metadata of the Woo index for every published
//! page (never a concept; `vaststelling` only from the adoption data).

use super::Session;
use super::web::PageEntry;

impl Session {
    /// The sitemap, each page with its DiWoo metadata (DiWoo 0.9.8): publisher, title,
    /// description, Woo information category, creation date, language and format.
    pub(super) fn sitemap(&self, entries: &[PageEntry]) -> String {
        let esc = |s: &str| handlebars::html_escape(s);
        // The publisher must be a TOOI organisation: without the gemeente's code, no DiWoo.
        let publisher = self
            .gemeente
            .tooi
            .as_ref()
            .map(|code| format!("https://identifier.overheid.nl/tooi/id/gemeente/{}", code.to_lowercase()));
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
             xmlns:diwoo=\"https://standaarden.overheid.nl/diwoo/metadata/\">\n",
        );
        // A concept is never listed: the Woo index publishes what was sent.
        for e in entries.iter().filter(|e| !e.concept) {
            let (categorie_id, categorie) = e.categorie.tooi();
            xml += &format!("<url>\n<loc>{}</loc>\n<lastmod>{}</lastmod>\n", esc(&e.pad), esc(&e.datum));
            let Some(publisher) = &publisher else {
                xml += "</url>\n";
                continue;
            };
            xml += "<diwoo:Document>\n<diwoo:DiWoo>\n";
            xml += &format!(
                "<diwoo:publisher resource=\"{}\">gemeente {}</diwoo:publisher>\n",
                esc(publisher),
                esc(&self.gemeente.naam)
            );
            xml += &format!(
                "<diwoo:titelcollectie><diwoo:officieleTitel>{}</diwoo:officieleTitel></diwoo:titelcollectie>\n",
                esc(&e.titel)
            );
            xml += &format!(
                "<diwoo:omschrijvingen><diwoo:omschrijving>{}</diwoo:omschrijving></diwoo:omschrijvingen>\n",
                esc(&e.omschrijving)
            );
            xml += &format!(
                "<diwoo:classificatiecollectie><diwoo:informatiecategorieen><diwoo:informatiecategorie resource=\"https://identifier.overheid.nl/tooi/def/thes/kern/{categorie_id}\">{categorie}</diwoo:informatiecategorie></diwoo:informatiecategorieen></diwoo:classificatiecollectie>\n"
            );
            xml += &format!("<diwoo:creatiedatum>{}</diwoo:creatiedatum>\n", esc(&e.datum));
            xml += "<diwoo:language resource=\"http://publications.europa.eu/resource/authority/language/NLD\">Nederlands</diwoo:language>\n";
            xml += "<diwoo:format resource=\"http://publications.europa.eu/resource/authority/file-type/HTML\">html</diwoo:format>\n";
            // Vaststelling only from the adoption data; until then what happened on the
            // document's own date is its ondertekening (by the college, which sent it).
            let (handeling, naam, op) = match e.vastgesteld {
                Some(datum) => ("c_641ecd76", "vaststelling", datum.to_string()),
                None => ("c_e1ec050e", "ondertekening", e.datum.clone()),
            };
            xml += &format!(
                "<diwoo:documenthandelingen><diwoo:documenthandeling><diwoo:soortHandeling resource=\"https://identifier.overheid.nl/tooi/def/thes/kern/{handeling}\">{naam}</diwoo:soortHandeling><diwoo:atTime>{}T00:00:00</diwoo:atTime></diwoo:documenthandeling></diwoo:documenthandelingen>\n",
                esc(&op)
            );
            xml += "</diwoo:DiWoo>\n</diwoo:Document>\n</url>\n";
        }
        xml += "</urlset>\n";
        xml
    }
}

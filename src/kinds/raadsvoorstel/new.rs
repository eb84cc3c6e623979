//! `raadsstuk new raadsvoorstel`: a raadsvoorstel to fill in, with the next free nummer of the
//! year and the gemeente's Samenvatting questions.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::diagnostics::Problems;
use crate::domain::format::file_stem;
use crate::domain::model::Gemeente;
use crate::kinds::{IN_TE_VULLEN, Library, New, slug, yaml_string};

/// The file name and text of a new raadsvoorstel.
pub fn scaffold(new: &New) -> Result<(String, String), Problems> {
    let nummer = next_nummer(new.library, new.jaar);
    let stem = new.onderwerp.map(slug).filter(|s| !s.is_empty()).unwrap_or_else(|| file_stem(&nummer));
    Ok((format!("raadsvoorstel-{stem}.yaml"), text(new.sources.gemeente, &nummer, new.onderwerp, new.today)))
}

/// The next free registratienummer of the year: one above the highest `<jaar>.<digits>` in use.
fn next_nummer(library: &dyn Library, jaar: i32) -> String {
    let prefix = format!("{jaar}.");
    let mut highest: Option<(u64, usize)> = None;
    for doc in library.documents() {
        let Ok(loaded) = library.load(&doc) else { continue };
        let Some(nummer) = loaded.document.nummer() else { continue };
        if let Some(digits) = nummer.strip_prefix(&prefix)
            && let Ok(n) = digits.parse::<u64>()
            && highest.is_none_or(|(h, _)| n > h)
        {
            highest = Some((n, digits.len()));
        }
    }
    let (n, width) = highest.map_or((1, 7), |(h, w)| (h + 1, w));
    format!("{jaar}.{n:0width$}")
}

fn text(g: &Gemeente, nummer: &str, onderwerp: Option<&str>, today: NaiveDate) -> String {
    let mut vragen = g.samenvattingsvragen.clone();
    if vragen.is_empty() {
        vragen =
            ["Wat willen we bereiken?", "Wat gaan we daarvoor doen?", "Wat mag het kosten?"].map(String::from).to_vec();
    }
    let mut t = String::new();
    let _ = writeln!(t, "# Raadsvoorstel van de gemeente {}, gemaakt met `raadsstuk new` op {today}.", g.naam);
    t += "# Vul de velden in. Tekst bij `antwoord:` en `tekst:` is Markdown: *schuin*, **vet**,\n";
    t += "# een lijst met regels die beginnen met \"- \", een lege regel voor een nieuwe alinea.\n";
    t += "# Controleer met `raadsstuk check <dit bestand>`; zie de PDF groeien met `raadsstuk watch <dit bestand>`.\n";
    t += "soort: raadsvoorstel\n";
    t += "# concept: elke pagina krijgt het watermerk CONCEPT. Zet op definitief als het stuk klaar is.\n";
    t += "status: concept\n\n";
    t += "# Registratienummer uit het zaaksysteem; dit is het eerstvolgende vrije nummer van dit jaar.\n";
    let _ = writeln!(t, "nummer: {}", yaml_string(nummer));
    t += "# Het onderwerp is ook de titel van de PDF.\n";
    let _ = writeln!(t, "onderwerp: {}", yaml_string(onderwerp.unwrap_or("In te vullen onderwerp")));
    t += "# Eén naam, of een lijst: [Naam, Naam]\n";
    t += "portefeuillehouder: \"In te vullen\"\n";
    t += "# Wie het voorstel schreef (behandeld door).\n";
    t += "steller: \"In te vullen\"\n";
    t += "# Datums als jjjj-mm-dd.\n";
    let _ = writeln!(t, "collegevergadering: {today}");
    t += "# Leeg laten zolang de raad het voorstel nog niet heeft geagendeerd.\n";
    t += "raadsvergadering:\n";
    t += "# Optioneel: commissie, agendapunt, programma.\n\n";
    t += "# De vragen van de Samenvatting van uw gemeente (uit data/gemeente.yaml).\n";
    t += "samenvatting:\n";
    for v in &vragen {
        let _ = writeln!(t, "  - vraag: {}\n    antwoord: |\n      {IN_TE_VULLEN}", yaml_string(v));
    }
    t += "\nvoorstel:\n";
    t += "  inleiding: \"Op grond van het voorgaande besluit het college de raad voor te stellen om:\"\n";
    t += "  # De besluitpunten, genummerd 1, 2, 3 …; ze staan ook in het raadsbesluit.\n";
    t += "  besluitpunten:\n";
    t += "    - tekst: \"in te vullen besluitpunt;\"\n";
    t += "      # onderdelen worden a, b, c …\n";
    t += "      onderdelen: []\n\n";
    t += "# De uitwerking: secties met een titel en Markdown-tekst.\n";
    t += "uitwerking:\n";
    for titel in
        ["Wat willen we bereiken?", "Wat gaan we daarvoor doen?", "Wat mag het kosten?", "Participatie en communicatie"]
    {
        let _ = writeln!(t, "  - titel: {}\n    tekst: |\n      {IN_TE_VULLEN}", yaml_string(titel));
    }
    t += "\n# Optioneel, voor het raadsbesluit: \"gelet op …\".\n";
    t += "gelet_op:\n\n";
    t += "# De namen komen uit data/gemeente.yaml (bestuur); vul ze hier alleen in als ze anders zijn.\n";
    t += "ondertekening:\n  slotformule: \"Hoogachtend,\"\n\n";
    t += "# Bijlagen: een titel, en eventueel het bestand (een PDF of een document van dit project,\n";
    t += "# als pad vanaf de projectmap), bijvoorbeeld:\n";
    t += "#   - titel: Kadernota Integrale Veiligheid\n#     bestand: data/2018/kadernota.yaml\n";
    t += "bijlagen: []\n";
    t
}

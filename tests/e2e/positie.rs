//! The uiteenzetting van de financiële positie in the begrotingsboek and the financial
//! kengetallen: computed from the balans entered once and from the same lines every table
//! adds up, never typed.

use crate::common::*;

/// The cells after a row label in a PDF's text: "112,7 % (B) …".
fn cells<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    let at = text.find(label).unwrap_or_else(|| panic!("no {label}")) + label.len();
    text[at..].split_whitespace().take(15).collect()
}

#[test]
fn the_books_kengetallen_are_computed_from_its_balans_and_its_lines() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    assert_contains(&boek, "Uiteenzetting van de financiële positie");
    let tabel = &boek[boek.find("Financiële kengetallen Kengetal").expect("the table")..];
    // 2024 (the second column, after 2023): netto schuld 52 + 4 + 3 − 2 − 5 − 1 − 2 = 49 miljoen
    // over totale baten 43,47 miljoen; with the loans given 37 miljoen.
    assert_eq!(cells(tabel, "fk.1 Netto schuldquote")[3..6], ["112,7", "%", "(B)"]);
    assert_eq!(cells(tabel, "verstrekte leningen")[3..6], ["85,1", "%", "(A)"]);
    // Eigen vermogen end 2024 = 14,5 miljoen + the saldo 2024 (43,47 − 42,96 = 0,51 miljoen);
    // balanstotaal = the passiva: 15,01 + 6,18 (the voorzieningen' stands) + 52 + 4 + 3 = 80,19
    // miljoen.
    assert_eq!(cells(tabel, "fk.3 Solvabiliteitsratio")[3..6], ["18,7", "%", "(C)"]);
    assert_eq!(cells(tabel, "fk.5 Grondexploitatie")[3..6], ["10,4", "%", "(A)"]);
    // fk.6 only in the begroting's year: (420 + 230 + 330) / 917.
    assert_eq!(cells(tabel, "fk.6 Belastingcapaciteit")[..6], ["–", "106,9", "%", "(C)", "–", "–"]);
    assert_contains(&boek, "Signaleringswaarde A / B / C");
    // The Iv3 delivery carries them: Beg_2024 and the meerjarenraming.
    let iv3: serde_json::Value = serde_json::from_str(&p.read("out/2024/iv3-begroting-2024.json")).unwrap();
    let k = iv3["data"]["kengetallen"].as_array().unwrap();
    assert_eq!(k.len(), 6 + 3 * 5, "fk.1–fk.6 in 2024, fk.1–fk.5 in 2025–2027");
    let fk1 = k.iter().find(|k| k["verslagperiode"] == "Beg_2024" && k["kengetal"] == "fk.1").unwrap();
    assert_eq!(fk1["waarde"], "112.7");

    // Nothing typed twice: a million more lasten on one line of a programme in 2024 lowers the
    // eigen vermogen and so the solvabiliteit, and the structurele exploitatieruimte.
    let fk4_before = cells(tabel, "fk.4 Structurele exploitatieruimte")[3].to_string();
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    let text = p.read(file);
    p.write(file, &text.replacen("2024: 11600000,", "2024: 12600000,", 1));
    let run = p.run(&["build", "--zonder-web", "--out", "out2", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out2/2024/begrotingsboek.pdf"));
    let tabel = &boek[boek.find("Financiële kengetallen Kengetal").expect("the table")..];
    assert_eq!(cells(tabel, "fk.3 Solvabiliteitsratio")[3..6], ["17,7", "%", "(C)"], "14,01 / 79,19");
    assert_ne!(cells(tabel, "fk.4 Structurele exploitatieruimte")[3], fk4_before);
    assert_eq!(cells(tabel, "fk.1 Netto schuldquote")[3..6], ["112,7", "%", "(B)"], "the baten did not change");
}

#[test]
fn a_balans_typed_where_it_is_computed_or_of_another_year_is_a_located_error() {
    let p = Scratch::with_samples();
    let file = "data/2024/begrotingsboek.yaml";
    let text = p.read(file);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let changed = text
        .replacen("    2025: { financiele_vaste_activa:", "    2025: { eigen_vermogen: 1, financiele_vaste_activa:", 1)
        .replacen("    2027: {", "    2029: {", 1);
    p.write(file, &changed);
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "het eigen vermogen per 31-12-2025 wordt berekend, niet ingevuld");
    assert_contains(&check.stderr, &format!("{file}:{}:", line("    2025: {")));
    assert_contains(&err, "de balans per 31-12-2029 hoort niet in de begroting 2024");
    assert_contains(&check.stderr, &format!("{file}:{}:", line("    2027: {")));
}

/// The verloop of the reserves: the stand on 1 januari entered once, the mutations the
/// programmes' own; a reserve the programmes do not have is a located error.
#[test]
fn the_reserves_verloop_follows_from_the_programmes_mutations() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    let tabel = &boek[boek.find("Verloop van de reserves").expect("the table")..];
    // 480 on 1-1-2024; onttrekkingen 120, 100, 50, 0 (x € 1.000).
    assert_eq!(cells(tabel, "Stand 1 januari")[..4], ["480", "360", "260", "210"]);
    assert_eq!(cells(tabel, "Onttrekkingen")[..4], ["120", "100", "50", "0"]);
    assert_eq!(cells(tabel, "Stand 31 december")[..4], ["360", "260", "210", "210"]);
    let fk3 = cells(&boek[boek.find("Financiële kengetallen Kengetal").unwrap()..], "fk.3 Solvabiliteitsratio")[3]
        .to_string();

    // One more onttrekking in 2024 in the programme: the reserve's stand follows; the eigen
    // vermogen does not (the money stays within it), so neither does the solvabiliteit.
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    let text = p.read(file);
    let old = "onttrekkingen: { 2023: 180000, 2024: 120000,";
    assert!(text.contains(old));
    p.write(file, &text.replacen(old, "onttrekkingen: { 2023: 180000, 2024: 170000,", 1));
    // The jaarverslag 2024 now took 108 thousand less than its begroting na wijziging: above
    // the threshold, and the sample explains its onttrekkingen already.
    let run = p.run(&["build", "--zonder-web", "--out", "out2", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out2/2024/begrotingsboek.pdf"));
    let tabel = &boek[boek.find("Verloop van de reserves").expect("the table")..];
    assert_eq!(cells(tabel, "Stand 31 december")[..4], ["310", "210", "160", "160"]);
    assert_eq!(
        cells(&boek[boek.find("Financiële kengetallen Kengetal").unwrap()..], "fk.3 Solvabiliteitsratio")[3],
        fk3
    );

    // A reserve no programme or paragraaf has (a typo, often): every reserve is in the
    // verloop, this one without mutations, and `check` says so at its line.
    let boekfile = "data/2024/begrotingsboek.yaml";
    let text = p.read(boekfile);
    p.write(boekfile, &text.replace("    - naam: reserve integrale veiligheid", "    - naam: reserve sociaal domein"));
    let line = text.lines().position(|l| l.contains("- naam: reserve integrale veiligheid")).unwrap() + 1;
    let check = p.run(&["check", boekfile]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "waarschuwing: de reserve `reserve sociaal domein` komt in geen programma of paragraaf van dit jaar voor",
    );
    assert_contains(&normalise(&check.stderr), "noemen: reserve integrale veiligheid");
    assert_contains(&check.stderr, &format!("{boekfile}:{line}:"));
    let run = p.run(&["build", "--zonder-web", "--out", "out3", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out3/2024/begrotingsboek.pdf"));
    let tabel = &boek[boek.find("Verloop van de reserves").expect("the table")..];
    assert_contains(tabel, "reserve sociaal domein");
    assert_contains(tabel, "Zonder beginstand (–): reserve integrale veiligheid.");
}

/// Found in review: a year left out of the balans (its saldo would silently drop out of the
/// eigen vermogen after it), a negative balance item, a reserve's stand given twice and a second
/// document for one paragraaf are each said at their line; a category follows the printed value.
#[test]
fn a_gap_a_negative_item_a_double_stand_or_a_double_paragraaf_is_said() {
    let p = Scratch::with_samples();
    let file = "data/2024/begrotingsboek.yaml";
    let text = p.read(file);
    // At the balans's value, the line under `balans:`.
    let balans = text.lines().position(|l| l.trim() == "balans:").unwrap() + 2;
    let changed: String = text
        .lines()
        .filter(|l| !l.starts_with("    2025: {"))
        .map(|l| {
            l.replacen("    2026: { financiele_vaste_activa: 1800000", "    2026: { financiele_vaste_activa: -1", 1)
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replacen(
            "      stand: 480000\n",
            "      stand: 480000\n    - naam: Reserve integrale veiligheid\n      stand: 1\n",
            1,
        );
    p.write(file, &changed);
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "de balans per 31-12-2025 ontbreekt");
    assert_contains(&check.stderr, &format!("{file}:{balans}:"));
    assert_contains(&err, "`financiele_vaste_activa` per 31-12-2026 is negatief: -1");
    assert_contains(&err, "de reserve `Reserve integrale veiligheid` staat hier twee keer");

    let p = Scratch::with_samples();
    p.write("data/2024/paragraaf-financiering-kopie.yaml", &p.read("data/2024/paragraaf-financiering.yaml"));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "de paragraaf Financiering staat er 2 keer: data/2024/paragraaf-financiering-kopie.yaml en data/2024/paragraaf-financiering.yaml",
    );
}

/// The Wet fido's norms from the begrotingstotaal the book computes: the renterisiconorm per
/// year and the kasgeldlimiet per quarter, with the room under them; a quarter that cannot be is
/// said at its line.
#[test]
fn the_renterisiconorm_and_the_kasgeldlimiet_follow_from_the_begrotingstotaal() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    let tabel = &boek[boek.find("Renterisiconorm bedragen").expect("the table")..];
    // 20 % of 42.960 (x € 1.000) is 8.592; the renterisico 2026 (9.100) is over 20 % of 43.940.
    assert_eq!(cells(tabel, "Begrotingstotaal (lasten)")[..4], ["42.960", "43.570", "43.940", "44.260"]);
    assert_eq!(cells(tabel, "miljoen)")[..4], ["8.592", "8.714", "8.788", "8.852"]);
    assert_eq!(cells(tabel, "overschreden)")[..4], ["3.592", "2.514", "−312", "3.352"]);
    let kasgeld = &boek[boek.find("Kasgeldlimiet 2024").expect("the kasgeld table")..];
    assert_eq!(cells(kasgeld, "begrotingstotaal)")[..4], ["3.652", "3.652", "3.652", "3.652"]);
    assert!(!kasgeld.contains("meer dan twee kwartalen"), "two quarters in a row are allowed");

    let file = "data/2024/begrotingsboek.yaml";
    let text = p.read(file);
    p.write(file, &text.replacen("{ kwartaal: 4,", "{ kwartaal: 5,", 1));
    let line = text.lines().position(|l| l.contains("{ kwartaal: 4,")).unwrap() + 1;
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "kwartaal 5 kan hier niet");
    assert_contains(&check.stderr, &format!("{file}:{line}:"));
}

/// The voorzieningen entered once give their verloop and the balans's voorzieningen at each
/// year's end; the investeringen are split by the BBV's kinds of nut, with subtotals.
#[test]
fn the_voorzieningen_give_the_balans_its_voorzieningen_and_the_investeringen_are_split_by_nut() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    let verloop = &boek[boek.find("Verloop van de voorzieningen").expect("the table")..];
    // 3.500 + 600 − 450 = 3.650; then − 200, + 150, − 50.
    assert_eq!(cells(verloop, "Stand 31 december")[..4], ["3.650", "3.450", "3.600", "3.550"]);
    // The balans: 3.500 + 2.500 at the begin, then the sum of both stands at each year's end.
    assert_eq!(cells(&boek, "Voorzieningen")[..5], ["6.000", "6.180", "6.005", "6.175", "6.140"]);
    let investeringen = &boek[boek.find("Investeringen bedragen").expect("the table")..];
    assert_contains_phrase(investeringen, "Investeringen met economisch nut");
    assert_eq!(cells(investeringen, "Subtotaal")[..4], ["900", "2.400", "950", "0"]);
    assert_eq!(cells(investeringen, "Totaal investeringen")[..4], ["3.950", "7.400", "2.550", "1.700"]);

    // Typed on the balans as well, or negative: a located error.
    let file = "data/2024/begrotingsboek.yaml";
    let text = p.read(file);
    let changed = text
        .replacen(
            "    2025: { financiele_vaste_activa:",
            "    2025: { voorzieningen: 6000000, financiele_vaste_activa:",
            1,
        )
        .replacen("onttrekkingen: { 2024: 450000,", "onttrekkingen: { 2024: -450000,", 1);
    p.write(file, &changed);
    let line = |needle: &str| changed.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "de voorzieningen per 31-12-2025 (€ 6.000.000) volgen uit hun verloop");
    assert_contains(&check.stderr, &format!("{file}:{}:", line("2025: { voorzieningen")));
    assert_contains(&err, "een negatief bedrag bij `onttrekkingen`: -450000");
    assert_contains(&check.stderr, &format!("{file}:{}:", line("2024: -450000")));
}

/// The balans balances: the activa the kengetallen do not name are one row, so the printed
/// activa add up to the printed balanstotaal; the Wet fido's inputs have every year and quarter;
/// a reserve the programmes take below zero is said.
#[test]
fn the_balans_balances_and_the_fido_inputs_and_reserves_are_whole() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    let balans = &boek[boek.find("Geprognosticeerde balans").expect("the table")..];
    let getal = |s: &str| s.replace('.', "").replace('−', "-").parse::<i64>().unwrap();
    let activa = [
        "verstrekte leningen)",
        "Verstrekte leningen",
        "Niet in exploitatie genomen bouwgronden",
        "Bouwgronden in exploitatie",
        "Uitzettingen korter dan één jaar",
        "Liquide middelen",
        "Overlopende activa",
        "vorderingen)",
    ];
    let som: i64 = activa.iter().map(|a| getal(cells(balans, a)[0])).sum();
    assert_eq!(som, getal(cells(balans, "Balanstotaal")[0]), "the activa add up to the balanstotaal");
    let passiva =
        ["Eigen vermogen", "Voorzieningen", "Vaste schulden", "Netto vlottende schuld", "Overlopende passiva"];
    let som: i64 = passiva.iter().map(|a| getal(cells(balans, a)[1])).sum();
    assert_eq!(som, getal(cells(balans, "Balanstotaal")[1]), "and so do the passiva");

    let file = "data/2024/begrotingsboek.yaml";
    let text = p.read(file);
    p.write(
        file,
        &text
            .replacen("renterisico: { 2024: 5000000, 2025: 6200000,", "renterisico: { 2024: 5000000,", 1)
            .replacen("      - { kwartaal: 4, netto_vlottende_schuld: 3000000 }\n", "", 1)
            .replacen("      stand: 480000", "      stand: 100000", 1),
    );
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "het renterisico van 2025 ontbreekt");
    assert_contains(&err, "de netto vlottende schuld van kwartaal 4 ontbreekt");
    p.write(file, &text.replacen("      stand: 480000", "      stand: 100000", 1));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "waarschuwing: de reserve `reserve integrale veiligheid` komt eind 2024 onder nul",
    );
    p.write(file, &text);
    // The grondexploitaties' boekwaarden are the balans's bouwgronden in exploitatie.
    let grond = "data/2024/paragraaf-grondbeleid.yaml";
    p.write(grond, &p.read(grond).replacen("boekwaarde: 3100000", "boekwaarde: 3400000", 1));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "waarschuwing: de bouwgronden in exploitatie per 31-12-2023 (€ 4.800.000) zijn niet de boekwaarden van de grondexploitaties in de paragraaf grondbeleid (€ 5.100.000)",
    );
}

/// The verloop of the reserves and of the voorzieningen stays on one page while it fits: with
/// four more reserves the voorzieningen would start low on a page and be parted from their last
/// figures and note.
#[test]
fn the_verloop_of_reserves_and_voorzieningen_is_never_parted_from_its_figures() {
    let p = Scratch::with_samples();
    let file = "data/2024/begrotingsboek.yaml";
    let text = p.read(file);
    let extra: String = (1..=4).map(|i| format!("    - naam: reserve extra {i}\n      stand: 250000\n")).collect();
    p.write(file, &text.replacen("      stand: 480000\n", &format!("      stand: 480000\n{extra}"), 1));
    let run = p.run(&["build", "--zonder-web", "data/2024/begrotingsboek.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let pages = pdf_pages_text(&p.path("out/2024/begrotingsboek.pdf"));
    let reserves = pages.iter().find(|p| p.contains("Verloop van de reserves")).expect("the reserves");
    for naam in
        ["reserve integrale veiligheid", "Algemene reserve", "reserve extra 4", "de standen daarna volgen eruit"]
    {
        assert_contains(reserves, naam);
    }
    let voorzieningen = pages.iter().find(|p| p.contains("Verloop van de voorzieningen")).expect("the voorzieningen");
    assert_contains(voorzieningen, "Voorziening pensioenen wethouders");
    assert_contains(voorzieningen, "De standen aan het eind van elk jaar");
}

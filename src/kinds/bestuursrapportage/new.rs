//! `raadsstuk new bestuursrapportage`: every programme of the year's begroting with its doelen
//! and activiteiten, each on `op_koers` to be judged, and an empty begrotingswijziging.

use std::fmt::Write;

use crate::diagnostics::Problems;
use crate::kinds::{IN_TE_VULLEN, New, yaml_string};

pub fn scaffold(new: &New) -> Result<(String, String), Problems> {
    let t = new.jaar;
    let titel = new.onderwerp.map_or_else(|| format!("Najaarsnota {t}"), str::to_string);
    let mut s = String::new();
    let _ = writeln!(s, "# {titel}: de stand van de begroting {t} per programma, de afwijkingen en de");
    s += "# begrotingswijziging. Elke stand is `op_koers`, `risico` of `niet_haalbaar`.\n";
    s += "soort: bestuursrapportage\nstatus: concept\n";
    let _ = writeln!(s, "titel: {}", yaml_string(&titel));
    let _ = writeln!(s, "datum: {}", new.today);
    let _ = writeln!(s, "inleiding: |\n  {IN_TE_VULLEN}\n");
    s += "programmas:\n";
    let mut programmas = 0;
    for doc in new.library.documents().into_iter().filter(|d| d.jaar == t) {
        let Ok(loaded) = new.library.load(&doc) else { continue };
        let Some(plan) = loaded.document.feiten().plan else { continue };
        programmas += 1;
        let _ = writeln!(s, "  - programma: {}", yaml_string(&plan.programma));
        if plan.doelen.is_empty() {
            s += "    doelen: []\n";
            continue;
        }
        s += "    doelen:\n";
        for d in &plan.doelen {
            // By its code, or by its title when the begroting gives it none.
            match &d.code {
                Some(code) => {
                    let _ = writeln!(s, "      # {}", d.titel.replace('\n', " "));
                    let _ = writeln!(s, "      - code: {}", yaml_string(code));
                }
                None => {
                    let _ = writeln!(s, "      - titel: {}", yaml_string(&d.titel));
                }
            }
            let _ = writeln!(s, "        stand: op_koers\n        toelichting: {}", yaml_string(IN_TE_VULLEN));
            if !d.activiteiten.is_empty() {
                s += "        activiteiten:\n";
                for (code, titel) in &d.activiteiten {
                    match code {
                        Some(code) => {
                            let _ = writeln!(s, "          # {}", titel.replace('\n', " "));
                            let _ = writeln!(s, "          - {{ code: {}, stand: op_koers }}", yaml_string(code));
                        }
                        None => {
                            let _ = writeln!(s, "          - {{ titel: {}, stand: op_koers }}", yaml_string(titel));
                        }
                    }
                }
            }
        }
    }
    if programmas == 0 {
        s.truncate(s.len() - "programmas:\n".len());
        let _ = writeln!(s, "# Er is nog geen programmabegroting {t}: de programma's komen daaruit.\nprogrammas: []");
    }
    let _ = write!(
        s,
        "\n# De begrotingswijziging: regels per programma, taakveld en categorie, bedragen per jaar\n# (een toename van lasten of baten positief). Een afwijking boven de drempel van de gemeente\n# krijgt bij haar programma een `toelichting:` (lasten, baten, toevoegingen_reserves,\n# onttrekkingen_reserves).\n# begrotingswijziging:\n#   begroting: {t}\n#   lasten:\n#     - {{ programma: …, taakveld: \"1.2\", categorie: \"3.8\", bedragen: {{ {t}: 0 }} }}\n"
    );
    Ok((format!("{}.yaml", crate::kinds::slug(&titel)), s))
}

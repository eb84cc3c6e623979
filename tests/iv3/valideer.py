#!/usr/bin/env python3
"""An Iv3 delivery against the CBS's schema and the year's definitions, as the CBS checks it:
the JSON schema (version 2.1), every taakveld and categorie a code of the year, no grijze cel,
the kengetallen with the year's codes and verslagperioden, control PF006 (periode 0 and 5: total
lasten equal total baten), and for a realisatie (periode 5) the balans: every balanscode and standper a
code of the year, and controls PF007 and PF008 (activa equal passiva at the start and the end).

usage: valideer.py SCHEMA.json DEFINITIES_MAP LEVERING.json...
"""
import json
import sys

import jsonschema


def leaves(codes, out):
    for c in codes:
        if c.get("subcodes"):
            leaves(c["subcodes"], out)
        else:
            out.add(c["code"])
    return out


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    definities_map = sys.argv[2]
    problemen = 0
    for pad in sys.argv[3:]:
        levering = json.load(open(pad, encoding="utf-8"))
        fouten = [f"schema: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(levering)]
        meta = levering["metadata"]
        jaar = meta["boekjaar"]
        d = json.load(open(f"{definities_map}/iv3_definities_{meta['overheidslaag']}_{jaar}.json", encoding="utf-8"))
        taakvelden = leaves(d["codelijsten"]["taakveld"]["codelijst"], set())
        for kant in ("lasten", "baten"):
            categorieen = leaves(d["codelijsten"][f"categorie_{kant}"]["codelijst"], set())
            grijs = {(c["taakveld"], c["categorie"]) for c in d["grijze_cellen"][kant]}
            for rij in levering["data"][kant]:
                cel = (rij["taakveld"], rij["categorie"])
                if rij["taakveld"] not in taakvelden:
                    fouten.append(f"{kant}: taakveld {rij['taakveld']} bestaat niet in {jaar}")
                if rij["categorie"] not in categorieen:
                    fouten.append(f"{kant}: categorie {rij['categorie']} bestaat niet in {jaar}")
                if cel in grijs:
                    fouten.append(f"{kant}: grijze cel {cel}")
        # The kengetallen: codes and verslagperioden of the year's lists, a number as the value.
        kengetallen = leaves(d["codelijsten"]["kengetallen"]["codelijst"], set())
        perioden = leaves(d["codelijsten"]["verslagperiode"]["codelijst"], set())
        for k in levering["data"].get("kengetallen", []):
            if k["kengetal"] not in kengetallen:
                fouten.append(f"kengetallen: {k['kengetal']} bestaat niet in {jaar}")
            if k["verslagperiode"] not in perioden:
                fouten.append(f"kengetallen: verslagperiode {k['verslagperiode']} bestaat niet in {jaar}")
            try:
                float(k["waarde"])
            except ValueError:
                fouten.append(f"kengetallen: waarde {k['waarde']!r} is geen getal")
        if meta["periode"] == 5:
            balanscodes = {}

            def zijden(codes, zijde):
                for c in codes:
                    z = {"Tot_Act": "activa", "Tot_Pas": "passiva"}.get(c["code"], zijde)
                    if c.get("subcodes"):
                        zijden(c["subcodes"], z)
                    else:
                        balanscodes[c["code"]] = z

            zijden(d["codelijsten"]["balanscode"]["codelijst"], None)
            standper = leaves(d["codelijsten"]["standper"]["codelijst"], set())
            totalen = {}
            for s in levering["data"]["balans_standen"]:
                if s["balanscode"] not in balanscodes:
                    fouten.append(f"balans_standen: balanscode {s['balanscode']} bestaat niet in {jaar}")
                    continue
                if s["standper"] not in standper:
                    fouten.append(f"balans_standen: standper {s['standper']} bestaat niet in {jaar}")
                sleutel = (s["standper"], balanscodes[s["balanscode"]])
                totalen[sleutel] = totalen.get(sleutel, 0) + s["bedrag"]
            if not levering["data"]["balans_standen"]:
                fouten.append("balans_standen: een realisatie heeft de standen van de balans")
            for code, per in (("PF007", f"1-1-{jaar}"), ("PF008", f"31-12-{jaar}")):
                a, p = totalen.get((per, "activa"), 0), totalen.get((per, "passiva"), 0)
                if a != p:
                    fouten.append(f"{code}: activa {a} is niet passiva {p} op {per}")
        if meta["periode"] in (0, 5):
            lasten = sum(r["bedrag"] for r in levering["data"]["lasten"])
            baten = sum(r["bedrag"] for r in levering["data"]["baten"])
            if lasten != baten:
                fouten.append(f"PF006: totaal lasten {lasten} is niet totaal baten {baten}")
        for f in fouten:
            print(f"{pad}: {f}")
        problemen += len(fouten)
        rijen = len(levering["data"]["lasten"]) + len(levering["data"]["baten"])
        n = len(levering["data"].get("kengetallen", []))
        print(f"{pad}: {'in orde' if not fouten else 'FOUT'} ({rijen} cellen, {n} kengetallen, boekjaar {jaar}, periode {meta['periode']})")
    sys.exit(1 if problemen else 0)


main()

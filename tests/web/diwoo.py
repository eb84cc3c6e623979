"""Validates the DiWoo metadata of a web edition's sitemap against the published schema.

    python3 diwoo.py <diwoo-metadata.xsd> <sitemap.xml>

Every diwoo:Document must be valid; exit code 1 otherwise (or when there are none).
"""
import sys, xmlschema
from xml.etree import ElementTree as ET
schema = xmlschema.XMLSchema(sys.argv[1], validation="lax", allow="local")
print("schema (offline, MDTO import left out): problems while reading it:", len(schema.all_errors))
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "diwoo": "https://standaarden.overheid.nl/diwoo/metadata/"}
tree = ET.parse(sys.argv[2])
docs = tree.getroot().findall("s:url/diwoo:Document", ns)
bad = 0
for d in docs:
    errors = list(schema.iter_errors(d))
    for e in errors[:3]:
        print("FOUT", e.reason, e.path)
    bad += len(errors)
print(len(docs), "documenten,", bad, "fouten")
sys.exit(1 if bad or not docs else 0)

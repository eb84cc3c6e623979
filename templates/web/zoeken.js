// Search without a server: the index is a script (window.RAADSSTUK_ZOEKINDEX) built with the
// site; every word of the question must occur in a page's title or text.
(function () {
  var index = window.RAADSSTUK_ZOEKINDEX || [];
  var params = new URLSearchParams(window.location.search);
  var vraag = (params.get("q") || "").trim();
  var veld = document.getElementById("zoekvraag");
  var uit = document.getElementById("resultaten");
  if (veld) { veld.value = vraag; }
  if (!vraag || !uit) { return; }
  var woorden = vraag.toLowerCase().split(/\s+/);
  var treffers = index.filter(function (p) {
    var tekst = (p.titel + " " + p.tekst).toLowerCase();
    return woorden.every(function (w) { return tekst.indexOf(w) >= 0; });
  });
  var kop = document.createElement("h2");
  kop.textContent = treffers.length === 1 ? "1 resultaat voor “" + vraag + "”" : treffers.length + " resultaten voor “" + vraag + "”";
  uit.appendChild(kop);
  var lijst = document.createElement("ul");
  treffers.forEach(function (p) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = p.pad;
    a.textContent = p.titel;
    li.appendChild(a);
    var i = p.tekst.toLowerCase().indexOf(woorden[0]);
    if (i >= 0) {
      var p2 = document.createElement("p");
      p2.textContent = "… " + p.tekst.slice(Math.max(0, i - 80), i + 160) + " …";
      li.appendChild(p2);
    }
    lijst.appendChild(li);
  });
  uit.appendChild(lijst);
})();

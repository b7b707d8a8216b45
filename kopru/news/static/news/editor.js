/* The rich-text editor of news bodies: pell (vendor/pell-1.0.6) over each
   <textarea data-rich-text>. The textarea stays the form field (hidden once the
   editor is up); the server cleans what it receives with nh3 whatever arrives. */
(function () {
  "use strict";
  if (!window.pell) { return; }
  var lang = (document.documentElement.lang || "tr").slice(0, 2);
  var T = lang === "en"
    ? { b: "Bold", i: "Italic", h: "Heading", ul: "Bulleted list", ol: "Numbered list", q: "Quote", a: "Link", url: "Web address (https://…)" }
    : { b: "Kalın", i: "İtalik", h: "Ara başlık", ul: "Madde işaretli liste", ol: "Numaralı liste", q: "Alıntı", a: "Bağlantı", url: "Web adresi (https://…)" };
  document.querySelectorAll("textarea[data-rich-text]").forEach(function (area) {
    var holder = document.createElement("div");
    holder.className = "pell news-editor";
    area.parentNode.insertBefore(holder, area);
    var editor = window.pell.init({
      element: holder,
      defaultParagraphSeparator: "p",
      styleWithCSS: false,
      onChange: function (html) { area.value = html; },
      actions: [
        { name: "bold", title: T.b },
        { name: "italic", title: T.i },
        { name: "heading2", icon: "<b>H</b>", title: T.h, result: function () { window.pell.exec("formatBlock", "<h2>"); } },
        { name: "olist", title: T.ol },
        { name: "ulist", title: T.ul },
        { name: "quote", title: T.q },
        { name: "link", title: T.a, result: function () {
            var url = window.prompt(T.url);
            if (url && /^(https?:|mailto:)/i.test(url)) { window.pell.exec("createLink", url); }
          } }
      ]
    });
    editor.content.innerHTML = area.value;
    editor.content.setAttribute("role", "textbox");
    editor.content.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + area.id + '"]');
    if (label) {
      label.id = label.id || area.id + "-label";
      editor.content.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { editor.content.focus(); });
    }
    holder.querySelectorAll(".pell-button").forEach(function (b) { b.setAttribute("aria-label", b.title); });
    area.hidden = true;
  });
})();

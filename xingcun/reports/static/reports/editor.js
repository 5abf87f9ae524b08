// Report template editor: insert indicator tags at the cursor, add, move and delete sections.
(() => {
  "use strict";
  let target = null; // the text field that last had focus

  document.addEventListener("focusin", (event) => {
    if (event.target.matches("[data-tag-target]")) target = event.target;
  });

  const changed = () => document.body.dispatchEvent(new CustomEvent("sections-changed"));

  function insert(tag) {
    const field = target || document.querySelector("textarea[data-tag-target]");
    if (!field) return;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    field.value = field.value.slice(0, start) + tag + field.value.slice(end);
    field.focus();
    field.selectionStart = field.selectionEnd = start + tag.length;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function renumber() {
    document.querySelectorAll("#sections [data-section]").forEach((section, index) => {
      const order = section.querySelector("[data-order]");
      if (order) order.value = (index + 1) * 10;
    });
  }

  function addSection() {
    const total = document.querySelector("[name=sections-TOTAL_FORMS]");
    const html = document.getElementById("section-template").innerHTML.replaceAll("__prefix__", total.value);
    total.value = Number(total.value) + 1;
    document.getElementById("sections").insertAdjacentHTML("beforeend", html);
    renumber();
    document.querySelector("#sections [data-section]:last-child textarea")?.focus();
  }

  document.addEventListener("click", (event) => {
    const tag = event.target.closest("[data-tag]");
    if (tag) {
      event.preventDefault();
      insert(tag.dataset.tag);
      return;
    }
    if (event.target.closest("[data-add-section]")) {
      addSection();
      return;
    }
    const move = event.target.closest("[data-move]");
    if (move) {
      const section = move.closest("[data-section]");
      const sibling = move.dataset.move === "-1" ? section.previousElementSibling : section.nextElementSibling;
      if (sibling) {
        if (move.dataset.move === "-1") sibling.before(section);
        else sibling.after(section);
        renumber();
        changed();
      }
    }
  });

  document.addEventListener("change", (event) => {
    const section = event.target.closest("[data-section]");
    if (!section) return;
    if (event.target.name?.endsWith("-DELETE")) section.classList.toggle("deleted", event.target.checked);
    if (event.target.name?.endsWith("-level")) section.className = section.className.replace(/level-\d/, `level-${event.target.value}`);
  });

  document.addEventListener("DOMContentLoaded", renumber);
  document.addEventListener("submit", (event) => {
    if (event.target.id === "editor-form") renumber();
  });
})();

"use strict";
// referat show --html: link the extracted structure to the source lines (data-lines="a-b,c-d").
(() => {
  const pane = document.getElementById("lines");
  const lines = pane ? Array.from(pane.children) : [];  // lines[n - 1] is line n
  const doc = document.getElementById("doc");
  const status = document.getElementById("status");
  const marked = { hl: [], sel: [] };
  let picked = null;

  const ranges = (el) => el.dataset.lines.split(",").map((r) => {
    const [a, b] = r.split("-").map(Number);
    return [a, b || a];
  });

  const where = (el) => {
    const rs = ranges(el);
    const one = rs.length === 1 && rs[0][0] === rs[0][1];
    const more = rs.length > 4 ? ` … (${rs.length} ranges)` : "";
    return (one ? "line " : "lines ") + rs.slice(0, 4).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ") + more;
  };

  // Put class cls on exactly the lines of el (none when el is null); returns [first, last] line elements.
  function mark(el, cls) {
    for (const ln of marked[cls]) ln.classList.remove(cls);
    marked[cls] = [];
    if (!el) return [null, null];
    for (const [a, b] of ranges(el)) {
      for (let n = Math.max(a, 1); n <= b && n <= lines.length; n++) {
        lines[n - 1].classList.add(cls);
        marked[cls].push(lines[n - 1]);
      }
    }
    return [marked[cls][0] || null, marked[cls][marked[cls].length - 1] || null];
  }

  // Scroll the source so the span is in view: centred when it fits, else its start near the top.
  function reveal(first, last) {
    if (!first) return;
    const top = first.offsetTop, bottom = last.offsetTop + last.offsetHeight;
    const room = pane.clientHeight;
    pane.scrollTop = bottom - top < room * 0.8 ? (top + bottom - room) / 2 : top - room * 0.1;
  }

  function pick(el, fromSource) {
    if (picked) picked.classList.remove("picked");
    picked = el;
    if (!el) {
      mark(null, "sel");
      if (status) resting = status.textContent = hint;
      return;
    }
    el.classList.add("picked");
    const [first, last] = mark(el, "sel");
    if (status) resting = status.textContent = `${el.dataset.label} · ${where(el)}`;
    if (fromSource) el.scrollIntoView({ block: "nearest" });
    else reveal(first, last);
  }

  const target = (node) => (node instanceof Element ? node.closest("[data-lines]") : null);

  const inView = (first, last) => {
    const p = pane.getBoundingClientRect();
    return last.getBoundingClientRect().bottom > p.top && first.getBoundingClientRect().top < p.bottom;
  };
  const hint = status ? status.textContent : "";
  let resting = status ? status.textContent : "";

  // Hovering previews the lines; the status line says where they are when they are out of view.
  function preview(el) {
    const [first, last] = mark(el, "hl");
    if (!status) return;
    if (!el) {
      status.textContent = resting;
      return;
    }
    const away = first && !inView(first, last) ? " (out of view: click to scroll there)" : "";
    status.textContent = `${el.dataset.label} · ${where(el)}${away}`;
  }

  doc.addEventListener("mouseover", (ev) => preview(target(ev.target)));
  doc.addEventListener("mouseleave", () => preview(null));
  doc.addEventListener("focusin", (ev) => preview(target(ev.target)));
  doc.addEventListener("click", (ev) => {
    const el = target(ev.target);
    if (el) pick(el, false);
  });
  doc.addEventListener("keydown", (ev) => {
    const el = target(ev.target);
    if (el && (ev.key === "Enter" || ev.key === " ") && ev.target === el) {
      ev.preventDefault();
      pick(el, false);
    }
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") pick(null, false);
  });

  // A click on a source line picks the narrowest visible element read from it.
  if (pane) {
    const all = Array.from(doc.querySelectorAll("[data-lines]"));
    pane.addEventListener("click", (ev) => {
      const ln = ev.target instanceof Element ? ev.target.closest(".ln") : null;
      if (!ln) return;
      const n = Number(ln.dataset.n);
      let best = null, size = Infinity;
      for (const el of all) {
        if (el.offsetParent === null) continue;  // folded away
        for (const [a, b] of ranges(el)) {
          if (a <= n && n <= b && b - a < size) {
            best = el;
            size = b - a;
          }
        }
      }
      if (best) pick(best, true);
      else if (status) status.textContent = `line ${n}: nothing was read from it`;
    });
  }
})();

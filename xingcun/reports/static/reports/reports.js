// Downloads of generated reports: fetch the file while a spinner shows, then hand it to the browser.
(() => {
  "use strict";
  const statusFor = (origin) =>
    origin.closest("form, main")?.querySelector("[data-download-status]") ||
    document.querySelector("[data-download-status]");

  async function download(url, origin) {
    const status = statusFor(origin);
    const started = performance.now();
    if (status) {
      status.hidden = false;
      status.classList.add("busy");
      status.textContent = "正在生成报告，请稍候…";
    }
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      const type = response.headers.get("Content-Type") || "";
      if (response.ok && type.startsWith("text/html")) {
        window.location.href = url; // the form had errors: show the page with them
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      const disposition = response.headers.get("Content-Disposition") || "";
      const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
      const name = match ? decodeURIComponent(match[1]) : "report";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      if (status) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        status.textContent = `已生成“${name}”（用时 ${seconds} 秒）`;
      }
    } catch (error) {
      if (status) status.textContent = `生成失败，请稍后重试（${error.message}）`;
    } finally {
      status?.classList.remove("busy");
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-download]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    download(link.href, link);
  });

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-generate]");
    if (!form) return;
    const format = form.querySelector("[name=format]")?.value;
    if (!format || format === "html") return; // the HTML report opens as a page
    event.preventDefault();
    const query = new URLSearchParams(new FormData(form)).toString();
    download(`${form.action}?${query}`, form);
  });
})();

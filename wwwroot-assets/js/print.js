// The packing slip's print button; a file, not an inline handler, because the Content-Security-Policy allows only 'self' scripts.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

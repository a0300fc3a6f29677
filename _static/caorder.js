// Central Asian Order: every figure opens at full size when tapped or clicked, so that on a
// phone a figure too dense for the column can be read at its own size (pinch to zoom).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("main figure img, main .cell_output img").forEach((img) => {
    if (img.closest("a")) return;
    const link = document.createElement("a");
    link.href = img.getAttribute("src");
    link.className = "caorder-enlarge";
    link.title = "Open the figure at full size";
    img.replaceWith(link);
    link.appendChild(img);
  });
});

// The application-window banner: shows whether each 신청·접수 window is not yet open, open or
// closed by this computer's clock. The builder pre-renders the engine's three messages and the two
// instants (epoch ms) per window; closed from the closing instant on (17:00:00 KST), as the engine
// decides. No request is made. Without JavaScript the banner shows the published period instead.
for (const item of document.querySelectorAll(".window-banner [data-opens-ms]")) {
  const now = Date.now();
  const opens = Number(item.dataset.opensMs);
  const closes = Number(item.dataset.closesMs);
  const state = now < opens ? "not_yet_open" : now < closes ? "open" : "closed";
  item.dataset.status = state;
  for (const message of item.querySelectorAll("[data-state]")) {
    message.hidden = message.dataset.state !== state;
  }
  const period = item.querySelector(".window-period");
  if (period) period.hidden = true;
}

// Follows a background job's progress on its page: progressive enhancement only. Without JavaScript the
// page shows the status as it was and a Refresh link.
//
// Markup (any element may be left out):
//   <div data-progress-url="/…/status.json" [data-progress-finished="true"] [data-progress-interval="1000"]>
//     <progress data-progress-bar max="100" value="40">40%</progress>
//     <span data-progress-percent>40%</span> <span data-progress-stage>Checked 200 of 500 rows.</span>
//     <p class="govuk-visually-hidden" aria-live="polite" data-progress-live></p>
//     <p data-progress-refresh><a href="">Refresh</a></p>
//   </div>
//
// The URL answers JSON: {"status": "...", "status_label": "...", "percent": 0-100, "finished": bool,
// "stage": "..."}. When it says finished the page reloads, to show the outcome the server renders.

const DEFAULT_INTERVAL = 1000;
const MAX_INTERVAL = 30000;
// Screen readers hear the status when it changes and every tenth of the way, not every second.
const ANNOUNCE_STEP = 10;

function follow(container) {
  const url = container.dataset.progressUrl;
  const interval = Number(container.dataset.progressInterval) || DEFAULT_INTERVAL;
  const bar = container.querySelector("[data-progress-bar]");
  const percentText = container.querySelector("[data-progress-percent]");
  const stageText = container.querySelector("[data-progress-stage]");
  const live = container.querySelector("[data-progress-live]");
  const refresh = container.querySelector("[data-progress-refresh]");
  if (refresh) {
    refresh.hidden = true;
  }
  let lastStatus = null;
  let lastStep = null;
  let delay = interval;

  function show(progress) {
    const percent = Math.max(0, Math.min(100, Math.round(Number(progress.percent) || 0)));
    if (bar) {
      bar.value = percent;
      bar.textContent = `${percent}%`;
    }
    if (percentText) {
      percentText.textContent = `${percent}%`;
    }
    if (stageText && progress.stage) {
      stageText.textContent = progress.stage;
    }
    const step = Math.floor(percent / ANNOUNCE_STEP);
    if (live && (progress.status !== lastStatus || step !== lastStep)) {
      live.textContent = `${progress.status_label}: ${percent}% done. ${progress.stage || ""}`.trim();
    }
    lastStatus = progress.status;
    lastStep = step;
  }

  async function poll() {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const progress = await response.json();
      show(progress);
      if (progress.finished) {
        window.location.reload();
        return;
      }
      delay = interval;
    } catch (error) {
      // A dropped connection or a restarting server: wait longer each time, and offer the link again.
      delay = Math.min(delay * 2, MAX_INTERVAL);
      if (refresh) {
        refresh.hidden = false;
      }
    }
    window.setTimeout(poll, delay);
  }

  window.setTimeout(poll, interval);
}

for (const container of document.querySelectorAll("[data-progress-url]")) {
  if (container.dataset.progressFinished !== "true") {
    follow(container);
  }
}

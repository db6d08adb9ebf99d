"""Charts with matplotlib (imported only when a chart is drawn).

- :func:`plot_differential`: the causes of an assessment as horizontal bars, each
  annotated with its strongest evidence for (+) and against (-).
- :func:`plot_weekly_volume`: a plan's weekly running volume, coloured by phase.

Both draw on ``ax`` (a new figure when None) and return the Axes; they never call
``plt.show()``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["plot_differential", "plot_weekly_volume"]

_PHASE_COLOURS = {"settle": "#8da0cb", "strengthen": "#66c2a5", "return": "#fc8d62",
                  "build": "#e78ac3"}
_TRIAGE_COLOURS = {"self_care": "#4daf4a", "see_clinician": "#ff7f00", "urgent": "#e41a1c"}


def _axes(ax: Any, size=(8, 4.5)):
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("charts need matplotlib (Debian: apt install python3-matplotlib)") \
            from e
    _, ax = plt.subplots(figsize=size)
    return ax


def plot_differential(assessment: Any, ax: Any = None, top: int = 8, evidence: int = 3):
    """Bar chart of the ``top`` most likely causes with up to ``evidence`` evidence items
    each (strongest first; + for, - against). Returns the Axes."""
    causes = assessment.causes[:max(1, int(top))]
    ax = _axes(ax, (8, 0.6 * len(causes) + 1.5))
    names = [c.name or c.id for c in causes][::-1]
    probs = [c.probability for c in causes][::-1]
    colours = ["#377eb8" if not c.suspected else "#e41a1c" for c in causes][::-1]
    bars = ax.barh(range(len(causes)), probs, color=colours)
    ax.set_yticks(range(len(causes)))
    ax.set_yticklabels(names)
    ax.set_xlim(0, 1.0)
    ax.set_xlabel("probability")
    level = assessment.triage.level
    ax.set_title("Differential (triage: %s)" % level.replace("_", " "),
                 color=_TRIAGE_COLOURS.get(level, "black"))
    for bar, c in zip(bars, causes[::-1]):
        items = ["%s%s" % ("+" if e.weight >= 0 else "-", e.label or e.finding)
                 for e in c.evidence[:max(0, int(evidence))]]
        ax.text(min(bar.get_width() + 0.01, 0.99), bar.get_y() + bar.get_height() / 2,
                "%.0f%%  %s" % (100 * c.probability, "; ".join(items)),
                va="center", ha="left", fontsize=7, clip_on=True)
    return ax


def plot_weekly_volume(plan: Any, ax: Any = None):
    """Bar chart of each week's running volume (km), coloured by phase, with the cadence
    target on a second axis when there is one. Returns the Axes."""
    weeks = plan.weeks
    ax = _axes(ax)
    xs = [w.index for w in weeks]
    ax.bar(xs, [w.run_km for w in weeks],
           color=[_PHASE_COLOURS.get(w.phase, "grey") for w in weeks])
    ax.set_xlabel("week")
    ax.set_ylabel("running km")
    ax.set_title("Weekly running volume (triage: %s)" % plan.triage.replace("_", " "))
    if xs:
        ax.set_xticks(xs)
    seen = []
    for w in weeks:
        if w.phase not in seen:
            seen.append(w.phase)
    try:
        from matplotlib.patches import Patch
        ax.legend(handles=[Patch(color=_PHASE_COLOURS.get(p, "grey"), label=p) for p in seen],
                  loc="upper left", fontsize=8)
    except ImportError:  # pragma: no cover
        pass
    cad = [w.cadence_spm for w in weeks]
    if any(cad):
        ax2 = ax.twinx()
        ax2.plot(xs, [c or None for c in cad], "k.-", label="cadence")
        ax2.set_ylabel("cadence target (spm)")
    return ax

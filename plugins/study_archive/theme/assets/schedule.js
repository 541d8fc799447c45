/* A group's own dates for a curriculum, without a file: the curriculum page's form writes them into the page's
 * address (?start=2027-03-02&weekday=tuesday&time=19:00&tz=Europe/Berlin, and optionally duration, place and
 * skip), and this script lists the sessions on those dates and makes a calendar of them to download.
 *
 * The dates follow study_archive/model/schedule.py: weekly on the weekday from the first such day on or after
 * the start, a skipped day moving the later sessions on a week, each at the same local time in the group's zone
 * whatever the clocks do. The calendar's events are written in UTC, computed from the zone's rules the browser
 * knows, so it needs no description of the zone to import right; a group file gets a calendar in its own zone.
 */
(() => {
  "use strict";

  const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  const DAY = 24 * 60 * 60 * 1000;
  const dayFormat = new Intl.DateTimeFormat("en-GB", {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  /* "Tuesday 2 March 2027", as the build writes a date. */
  const dayName = (day) => {
    const parts = Object.fromEntries(dayFormat.formatToParts(new Date(day)).map((part) => [part.type, part.value]));
    return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  };

  /* Dates are days, kept as milliseconds at midnight UTC so that no local clock moves them. */
  const parseDay = (text) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
    if (!match) return null;
    const day = Date.UTC(+match[1], +match[2] - 1, +match[3]);
    return new Date(day).toISOString().slice(0, 10) === text.trim() ? day : null;
  };
  const isoDay = (day) => new Date(day).toISOString().slice(0, 10);
  const weekdayOf = (day) => (new Date(day).getUTCDay() + 6) % 7;  // 0 for Monday, as in Python.

  const zoneExists = (zone) => {
    try { new Intl.DateTimeFormat("en", { timeZone: zone }); return Boolean(zone); } catch { return false; }
  };

  /* How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
  const offsetAt = (instant, zone) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(instant));
    const part = (type) => Number(parts.find((each) => each.type === type).value);
    return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second")) - instant;
  };
  /* The instant at which the zone's clocks show a wall time (given as if it were UTC). */
  const instantOf = (wall, zone) => {
    const guess = wall - offsetAt(wall, zone);
    return wall - offsetAt(guess, zone);
  };
  const zoneName = (instant, zone) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date(instant)).find((part) => part.type === "timeZoneName").value;

  /* What the address asks for, checked as the build checks a group file; `problems` say what to change. */
  const readPlan = (params) => {
    const problems = [];
    const start = parseDay(params.get("start") || "");
    if (start === null) problems.push("The first day is not a date: write it as 2027-03-02.");
    const weekdayText = (params.get("weekday") || "").toLowerCase();
    if (weekdayText && !WEEKDAYS.includes(weekdayText)) problems.push(`'${weekdayText}' is not a weekday.`);
    const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(params.get("time") || "");
    if (!time) problems.push("The time is not a time of day: write it on the 24-hour clock, as 19:00.");
    const zone = (params.get("tz") || "").trim();
    if (!zoneExists(zone)) problems.push(`'${zone}' is not a time zone this browser knows: choose one such as Europe/Berlin.`);
    const duration = Number(params.get("duration") || 120);
    if (!Number.isInteger(duration) || duration <= 0) problems.push("The length is not a whole number of minutes.");
    const weekday = weekdayText ? WEEKDAYS.indexOf(weekdayText) : start !== null ? weekdayOf(start) : 0;
    const skipped = [];
    for (const text of (params.get("skip") || "").split(/[\s,]+/).filter(Boolean)) {
      const day = parseDay(text);
      if (day === null) problems.push(`The skipped day '${text}' is not a date: write it as 2027-03-30.`);
      else if (start !== null && day < start) problems.push(`The skipped day ${text} is before the first day.`);
      else if (weekdayOf(day) !== weekday) {
        problems.push(`The skipped day ${text} is a ${WEEKDAYS[weekdayOf(day)]}, not a ${WEEKDAYS[weekday]}.`);
      } else skipped.push(day);
    }
    return { problems, start, weekday, hours: time && +time[1], minutes: time && +time[2], zone, duration, skipped,
             place: (params.get("place") || "").trim() };
  };

  /* The sessions of the page, each on its day, beginning and ending as instants. */
  const schedule = (plan, sessions) => {
    let day = plan.start + ((plan.weekday - weekdayOf(plan.start) + 7) % 7) * DAY;
    return sessions.map((session) => {
      while (plan.skipped.includes(day)) day += 7 * DAY;
      const wall = day + (plan.hours * 60 + plan.minutes) * 60 * 1000;
      const slot = { ...session, day, begins: instantOf(wall, plan.zone),
                     ends: instantOf(wall + plan.duration * 60 * 1000, plan.zone) };
      day += 7 * DAY;
      return slot;
    });
  };

  const clock = (instant, zone) => new Intl.DateTimeFormat("en-GB", {
    timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(instant));

  /* iCalendar text (RFC 5545): escaped, each line folded at 75 octets, lines ending in CRLF. */
  const escapeText = (text) => text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  const utcStamp = (instant) => new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const fold = (line) => {
    const encoder = new TextEncoder();
    const pieces = [];
    let current = "", size = 0;
    for (const char of line) {
      const length = encoder.encode(char).length;
      if (size + length > (pieces.length ? 74 : 75)) { pieces.push(current); current = ""; size = 0; }
      current += char; size += length;
    }
    pieces.push(current);
    return pieces.join("\r\n ");
  };
  const calendar = (plan, slots, name, id) => {
    const stamp = utcStamp(Date.now());
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Study Archive//Curricula//EN", "CALSCALE:GREGORIAN",
                   `X-WR-CALNAME:${escapeText(name)}`];
    for (const slot of slots) {
      const address = new URL(`#session-${slot.number}`, location.href).href;
      lines.push("BEGIN:VEVENT", `UID:${id}-${isoDay(plan.start)}-session-${slot.number}@study-archive`,
                 `DTSTAMP:${stamp}`, `DTSTART:${utcStamp(slot.begins)}`, `DTEND:${utcStamp(slot.ends)}`,
                 `SUMMARY:${escapeText(`${name}: session ${slot.number}, ${slot.title}`)}`);
      if (plan.place) lines.push(`LOCATION:${escapeText(plan.place)}`);
      lines.push(`DESCRIPTION:${escapeText(["Read before the session:", ...slot.readings.map((r) => `- ${r}`)].join("\n"))}`,
                 `URL:${address}`, "END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  };

  const element = (tag, properties = {}, children = []) => {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  };

  const show = (planner, params) => {
    const result = planner.querySelector(".archive-plan__result");
    const plan = readPlan(params);
    if (plan.problems.length) {
      result.replaceChildren(element("ul", { className: "archive-schedule__error" },
        plan.problems.map((problem) => element("li", { textContent: problem }))));
      return;
    }
    const sessions = [...document.querySelectorAll("section.archive-session[data-archive-title]")].map((section) => ({
      number: Number(section.id.replace("session-", "")),
      title: section.getAttribute("data-archive-title"),
      readings: [...section.querySelectorAll("[data-archive-reading]")].map((r) => r.getAttribute("data-archive-reading")),
    }));
    const slots = schedule(plan, sessions);
    const name = document.querySelector(".md-content h1")?.textContent.trim() || "Curriculum";
    const id = planner.getAttribute("data-archive-plan");
    const file = URL.createObjectURL(new Blob([calendar(plan, slots, name, id)], { type: "text/calendar" }));
    const list = element("ol", { className: "archive-schedule" }, slots.map((slot) => element("li", {
      className: "archive-schedule__session" }, [
      element("p", { className: "archive-schedule__when" }, [
        element("time", { dateTime: new Date(slot.begins).toISOString(), textContent: dayName(slot.day) }),
        `, ${clock(slot.begins, plan.zone)}–${clock(slot.ends, plan.zone)} `,
        element("abbr", { title: plan.zone, textContent: zoneName(slot.begins, plan.zone) })]),
      element("p", { className: "archive-schedule__title" }, [
        element("a", { href: `#session-${slot.number}`, textContent: `Session ${slot.number}: ${slot.title}` })]),
    ])));
    const skipped = plan.skipped.length
      ? [element("p", { textContent: `No meeting on ${plan.skipped.map((day) => dayName(day)).join(", ")}.` })] : [];
    result.replaceChildren(
      element("p", {}, [
        element("a", { href: file, download: `${id}-${isoDay(plan.start)}.ics`, className: "archive-plan__calendar",
                       textContent: "Calendar of these sessions (.ics)" }),
        ` · ${slots.length} sessions, ${plan.zone} time${plan.place ? `, at ${plan.place}` : ""}`]),
      list, ...skipped);
  };

  const setUp = () => {
    const planner = document.querySelector("[data-archive-plan]");
    if (!planner) return;
    planner.hidden = false;
    const form = planner.querySelector("form");
    const zones = planner.querySelector("datalist");
    if (zones && Intl.supportedValuesOf) {
      zones.replaceChildren(...Intl.supportedValuesOf("timeZone").map((zone) => element("option", { value: zone })));
    }
    const params = new URLSearchParams(location.search);
    form.elements.tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    if (!params.has("start")) return;
    for (const field of ["start", "weekday", "time", "duration", "tz", "place", "skip"]) {
      if (params.has(field) && form.elements[field]) form.elements[field].value = params.get(field);
    }
    planner.open = true;
    show(planner, params);
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

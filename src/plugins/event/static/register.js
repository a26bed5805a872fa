/* The registration page of one event (/embed/events/:id): reads the event, shows its form, registers. No cookies. */
;(function () {
  "use strict"
  var root = document.getElementById("cm-event-embed")
  if (!root) return
  var id = root.getAttribute("data-event-id")
  var locale = root.getAttribute("data-locale") || "de"
  var t = JSON.parse(root.getAttribute("data-texts") || "{}")

  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]
      else node.setAttribute(k, attrs[k])
    })
    ;(children || []).forEach(function (c) { if (c) node.appendChild(c) })
    return node
  }
  function money(minor, currency) {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(minor / 100)
  }
  function when(e) {
    var f = new Intl.DateTimeFormat(locale, { timeZone: e.time_zone, dateStyle: "full", timeStyle: "short" })
    return f.format(new Date(e.starts_at))
  }
  function field(label, input) { return el("label", {}, [el("span", { text: label }), input]) }
  function show(message, error) {
    var old = root.querySelector(".cm-event-embed__result")
    if (old) old.remove()
    var box = el("p", { class: "cm-event-embed__result" + (error ? " cm-event-embed__result--error" : ""), role: "status", text: message })
    root.appendChild(box)
    if (window.parent && window.parent !== window) window.parent.postMessage({ type: "cm:event:" + (error ? "error" : "registered"), eventId: id }, "*")
  }

  function render(e) {
    root.querySelector(".cm-event-embed__title").textContent = e.title
    root.appendChild(el("p", { class: "cm-event-embed__meta", text: when(e) + " · " + e.venue.name + (e.venue.address ? ", " + e.venue.address : "") }))
    var seats = e.seats_left > 0 ? (e.seats_left === 1 ? t.seatLeft : t.seatsLeft.replace("{n}", e.seats_left)) : e.waitlist ? t.waitlist : t.soldOut
    root.appendChild(el("p", { class: "cm-event-embed__seats", text: seats }))
    if (e.seats_left === 0 && !e.waitlist) return
    var form = el("form", { novalidate: "" })
    form.appendChild(field(t.name, el("input", { name: "name", required: "", maxlength: "200", autocomplete: "name" })))
    form.appendChild(field(t.email, el("input", { name: "email", type: "email", required: "", maxlength: "320", autocomplete: "email" })))
    form.appendChild(field(t.phone, el("input", { name: "phone", type: "tel", maxlength: "40", autocomplete: "tel" })))
    if (e.price_categories.length) {
      e.price_categories.forEach(function (c) {
        form.appendChild(field(c.label + " (" + money(c.price, e.currency_code) + ")", el("input", { name: "cat:" + c.id, type: "number", min: "0", max: "50", value: "0" })))
      })
    } else {
      var price = e.price === 0 ? t.free : money(e.price, e.currency_code)
      form.appendChild(field(t.quantity + " (" + price + ")", el("input", { name: "quantity", type: "number", min: "1", max: "50", value: "1" })))
    }
    e.questions.forEach(function (q) {
      var input
      if (q.type === "choice") {
        input = el("select", { name: "q:" + q.id }, [el("option", { value: "", text: "–" })].concat(q.choices.map(function (c) { return el("option", { value: c.id, text: c.label }) })))
      } else if (q.type === "yes_no") {
        input = el("select", { name: "q:" + q.id }, [el("option", { value: "", text: "–" }), el("option", { value: "yes", text: t.yes }), el("option", { value: "no", text: t.no })])
      } else {
        input = el("input", { name: "q:" + q.id, maxlength: "2000" })
      }
      if (q.required) input.setAttribute("required", "")
      form.appendChild(field(q.label + (q.required ? " *" : ""), input))
    })
    form.appendChild(field(t.note, el("textarea", { name: "note", maxlength: "2000", rows: "2" })))
    var button = el("button", { type: "submit", text: t.register })
    form.appendChild(button)
    root.appendChild(form)

    form.addEventListener("submit", function (ev) {
      ev.preventDefault()
      var data = new FormData(form)
      var body = { name: String(data.get("name") || ""), email: String(data.get("email") || ""), locale: locale, answers: {} }
      if (data.get("phone")) body.phone = String(data.get("phone"))
      if (data.get("note")) body.note = String(data.get("note"))
      if (e.price_categories.length) {
        body.lines = e.price_categories
          .map(function (c) { return { category_id: c.id, quantity: Number(data.get("cat:" + c.id) || 0) } })
          .filter(function (l) { return l.quantity > 0 })
      } else {
        body.quantity = Number(data.get("quantity") || 1)
      }
      e.questions.forEach(function (q) {
        var v = String(data.get("q:" + q.id) || "")
        if (!v) return
        body.answers[q.id] = q.type === "yes_no" ? v === "yes" : v
      })
      button.setAttribute("disabled", "")
      fetch("/store/events/" + encodeURIComponent(id) + "/registrations", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": String(Date.now()) + "-" + Math.random().toString(36).slice(2) },
        body: JSON.stringify(body),
        credentials: "omit",
      })
        .then(function (res) { return res.json().then(function (j) { return { ok: res.ok, body: j } }) })
        .then(function (r) {
          if (!r.ok) {
            button.removeAttribute("disabled")
            show(t.error + " " + (r.body && r.body.message ? r.body.message : ""), true)
            return
          }
          form.remove()
          var s = r.body.registration.status
          show(s === "waitlisted" ? t.waitlisted : s === "held" ? t.held : t.confirmed, false)
        })
        .catch(function () { button.removeAttribute("disabled"); show(t.error, true) })
    })
  }

  fetch("/store/events/" + encodeURIComponent(id) + "?locale=" + locale, { credentials: "omit" })
    .then(function (res) { return res.json().then(function (j) { return { ok: res.ok, body: j } }) })
    .then(function (r) { if (r.ok) render(r.body.event); else show(t.error + " " + r.body.message, true) })
    .catch(function () { show(t.error, true) })
})()

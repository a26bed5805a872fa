/*
 * The booking page of /embed/booking (made for an iframe on the merchant's site):
 * party size and date → the free times from /store/reservations/availability →
 * name, e-mail, phone, note, newsletter → POST /store/reservations.
 * Posts `reservation:booked` ({ id, starts_at, party_size }) to the parent window.
 */
;(function () {
  "use strict"
  var form = document.getElementById("rb-form")
  if (!form) return
  var locale = document.documentElement.lang
  // The page's texts in the guest's language, with the server's refusals by type (booking-page.ts).
  var t = JSON.parse(form.getAttribute("data-texts"))
  var refusals = t.refusals
  var locationId = form.getAttribute("data-location-id")
  var loadedAt = Date.now()
  var chosen = null
  var times = document.getElementById("rb-times")
  var status = document.getElementById("rb-status")
  var party = document.getElementById("rb-party")
  var date = document.getElementById("rb-date")

  function say(text) {
    status.textContent = text
  }

  function showTimes(slots) {
    times.textContent = ""
    chosen = null
    var free = slots.filter(function (s) { return s.available })
    if (!free.length) {
      say(t.none)
      return
    }
    say("")
    free.forEach(function (s) {
      var b = document.createElement("button")
      b.type = "button"
      b.className = "rb-time"
      b.textContent = s.time
      b.setAttribute("data-starts-at", s.starts_at)
      b.addEventListener("click", function () {
        Array.prototype.forEach.call(times.querySelectorAll(".rb-time"), function (x) { x.setAttribute("aria-pressed", "false") })
        b.setAttribute("aria-pressed", "true")
        chosen = s.starts_at
      })
      times.appendChild(b)
    })
  }

  function load() {
    if (!date.value) return
    say(t.loading)
    var url = "/store/reservations/availability?location_id=" + encodeURIComponent(locationId) + "&date=" + encodeURIComponent(date.value) + "&party_size=" + encodeURIComponent(party.value)
    fetch(url).then(function (r) { return r.json() }).then(function (body) { showTimes(body.slots || []) }, function () { say(t.error) })
  }

  party.addEventListener("change", load)
  date.addEventListener("change", load)
  load()

  form.addEventListener("submit", function (e) {
    e.preventDefault()
    if (!chosen) {
      say(t.choose)
      return
    }
    var body = {
      location_id: locationId,
      starts_at: chosen,
      party_size: Number(party.value),
      name: form.elements.name.value,
      email: form.elements.email.value,
      newsletter: form.elements.newsletter ? form.elements.newsletter.checked : false,
      locale: locale,
      form_ms: Date.now() - loadedAt,
      website: form.elements.website.value,
    }
    if (form.elements.phone.value) body.phone = form.elements.phone.value
    if (form.elements.note.value) body.note = form.elements.note.value
    say(t.sending)
    fetch("/store/reservations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b } }) })
      .then(function (answer) {
        if (answer.status === 201) {
          form.hidden = true
          say(t.booked)
          document.getElementById("rb-done").hidden = false
          if (window.parent !== window) {
            var r = answer.body.reservation
            window.parent.postMessage({ type: "reservation:booked", reservation: { id: r.id, starts_at: r.starts_at, party_size: r.party_size } }, "*")
          }
        } else if (answer.status === 409 && answer.body.alternatives) {
          say(t.taken + " " + answer.body.alternatives.map(function (a) { return a.time }).join(", "))
          load()
        } else {
          say(t.error + " " + ((answer.body && refusals[answer.body.type]) || answer.body.message || answer.status))
        }
      }, function () { say(t.error) })
  })
})()

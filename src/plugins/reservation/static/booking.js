/*
 * The booking page of /embed/booking (made for an iframe on the merchant's site):
 * party size and date → the free times from /store/reservations/availability →
 * name, e-mail, phone, note, newsletter → POST /store/reservations.
 * Posts `reservation:booked` ({ id, starts_at, party_size }) to the parent window.
 */
;(function () {
  "use strict"
  var TEXTS = {
    de: { loading: "Zeiten werden geladen …", none: "An diesem Tag ist leider nichts frei.", choose: "Bitte eine Uhrzeit wählen.", booked: "Vielen Dank! Ihre Reservierung ist bestätigt; Sie erhalten eine E-Mail.", taken: "Diese Zeit ist inzwischen vergeben. Andere Zeiten:", error: "Das hat nicht geklappt:", sending: "Wird gesendet …" },
    en: { loading: "Loading times …", none: "Sorry, nothing is free on this day.", choose: "Please choose a time.", booked: "Thank you! Your reservation is confirmed; you will receive an e-mail.", taken: "This time has just been taken. Other times:", error: "That did not work:", sending: "Sending …" },
    pt: { loading: "A carregar horários …", none: "Lamentamos, não há nada livre neste dia.", choose: "Escolha uma hora, por favor.", booked: "Obrigado! A sua reserva está confirmada; vai receber um e-mail.", taken: "Esta hora acabou de ser ocupada. Outras horas:", error: "Não foi possível:", sending: "A enviar …" },
  }
  /* The server's refusals by type, in the guest's language (the server's own message is English). */
  var REFUSALS = {
    de: {
      closed: "Zu dieser Zeit haben wir geschlossen.", off_grid: "Bitte eine der angebotenen Zeiten wählen.", ends_after_closing: "Der Besuch würde nach Ladenschluss enden.",
      online_closed: "Online-Reservierungen sind hier nicht möglich.", party_size: "Für diese Personenzahl rufen Sie uns bitte an.", too_soon: "Diese Zeit ist zu kurzfristig für eine Online-Reservierung.",
      too_far_ahead: "Dieses Datum liegt zu weit in der Zukunft.", pacing: "Zu dieser Zeit kommen schon viele Gäste; bitte eine andere Zeit wählen.",
      guest_refused: "Wir können diese Reservierung online nicht annehmen; bitte rufen Sie uns an.", closed_by_rule: "Zu dieser Zeit ist kein Tisch reservierbar.",
      in_the_past: "Diese Zeit ist schon vorbei.", rate_limited: "Zu viele Reservierungen in kurzer Zeit; bitte später erneut versuchen.", invalid_request: "Bitte die Angaben prüfen.",
    },
    en: {
      closed: "We are closed at that time.", off_grid: "Please choose one of the offered times.", ends_after_closing: "The visit would end after closing time.",
      online_closed: "Online booking is not available here.", party_size: "For a party of this size, please call us.", too_soon: "This time is too soon to book online.",
      too_far_ahead: "This date is too far ahead.", pacing: "Many guests arrive at that time already; please choose another time.",
      guest_refused: "We cannot accept this booking online; please call us.", closed_by_rule: "No table can be booked at that time.",
      in_the_past: "This time has passed.", rate_limited: "Too many bookings in a short time; please try again later.", invalid_request: "Please check your details.",
    },
    pt: {
      closed: "Estamos fechados a essa hora.", off_grid: "Escolha uma das horas propostas, por favor.", ends_after_closing: "A visita terminaria depois da hora de fecho.",
      online_closed: "As reservas online não estão disponíveis aqui.", party_size: "Para um grupo deste tamanho, ligue-nos por favor.", too_soon: "Esta hora é demasiado próxima para reservar online.",
      too_far_ahead: "Esta data é demasiado distante.", pacing: "Já chegam muitas pessoas a essa hora; escolha outra hora, por favor.",
      guest_refused: "Não podemos aceitar esta reserva online; ligue-nos por favor.", closed_by_rule: "Nenhuma mesa pode ser reservada a essa hora.",
      in_the_past: "Esta hora já passou.", rate_limited: "Demasiadas reservas em pouco tempo; tente mais tarde, por favor.", invalid_request: "Verifique os seus dados, por favor.",
    },
  }
  var form = document.getElementById("rb-form")
  if (!form) return
  var locale = document.documentElement.lang in TEXTS ? document.documentElement.lang : "en"
  var t = TEXTS[locale]
  var refusals = REFUSALS[locale]
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

/* The ask-page of a cancel link: only this POST cancels (a mail scanner that follows the link cancels nothing). */
;(function () {
  "use strict"
  var TEXTS = {
    de: { done: "Ihre Reservierung ist storniert.", invalid: "Dieser Link ist nicht gültig.", late: "Für eine Stornierung ist es zu spät; bitte rufen Sie uns an.", gone: "Diese Reservierung kann nicht mehr storniert werden.", error: "Das hat nicht geklappt." },
    en: { done: "Your reservation is cancelled.", invalid: "This link is not valid.", late: "It is too late to cancel online; please call us.", gone: "This reservation can no longer be cancelled.", error: "That did not work." },
    pt: { done: "A sua reserva foi cancelada.", invalid: "Este link não é válido.", late: "É tarde demais para cancelar online; por favor ligue-nos.", gone: "Esta reserva já não pode ser cancelada.", error: "Não foi possível." },
  }
  var form = document.getElementById("rc-form")
  if (!form) return
  var t = TEXTS[document.documentElement.lang] || TEXTS.en
  var status = document.getElementById("rc-status")
  form.addEventListener("submit", function (e) {
    e.preventDefault()
    fetch("/store/reservations/" + encodeURIComponent(form.getAttribute("data-id")) + "/cancel", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: form.getAttribute("data-token") }),
    }).then(function (r) {
      if (r.status === 200) { form.hidden = true; status.textContent = t.done }
      else if (r.status === 403) status.textContent = t.invalid
      else if (r.status === 422) status.textContent = t.late
      else if (r.status === 409) status.textContent = t.gone
      else status.textContent = t.error
    }, function () { status.textContent = t.error })
  })
})()

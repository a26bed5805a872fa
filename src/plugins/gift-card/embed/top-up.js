/* The top-up page (/embed/top-up): a prepaid card by number, or a blank voucher by serial and PIN, paid through Medusa's checkout. */
;(function () {
  "use strict"
  var root = document.querySelector(".cm-shop")
  var form = document.getElementById("cm-top-up-form")
  if (!root || !form) return
  var status = document.getElementById("cm-status")
  var post = window.cmPayment.post
  function value(name) {
    return window.cmPayment.value(form, name)
  }
  function sync() {
    var blank = value("kind") === "blank"
    form.querySelector(".cm-blank").hidden = !blank
    form.querySelector(".cm-prepaid").hidden = blank
  }
  // A blank voucher's QR code opens this page with its serial filled in.
  var serial = new URLSearchParams(window.location.search).get("serial")
  if (serial && /^\d{1,18}$/.test(serial)) {
    form.elements.namedItem("kind").value = "blank"
    form.elements.namedItem("serial").value = serial
  }
  form.addEventListener("change", sync)
  sync()
  form.addEventListener("submit", function (e) {
    e.preventDefault()
    var button = form.querySelector("button[type=submit]")
    var amount = Math.round(Number(value("amount").replace(",", ".")) * 100)
    var request =
      value("kind") === "blank"
        ? post("/store/top-up/blank-voucher", { serial: value("serial"), pin: value("pin"), amount: amount, email: value("email"), locale: root.dataset.locale })
        : post("/store/top-up/prepaid-card", { number: value("number"), amount: amount, email: value("email") })
    button.disabled = true
    request
      .then(function (cart) {
        // The payment step (payment.js): here, or on a top-level page when the provider cannot pay in a frame.
        return window.cmPayment.pay(cart.cart_id, { root: root, status: status, mount: document.getElementById("cm-payment") })
      })
      .then(function () {
        status.textContent = root.dataset.tThanks
      })
      .catch(function (err) {
        status.textContent = root.dataset.tError + " " + err.message
        button.disabled = false
      })
  })
})()

/* The top-up page (/embed/top-up): a prepaid card by number, or a blank voucher by serial and PIN, paid through Medusa's checkout. */
;(function () {
  "use strict"
  var root = document.querySelector(".cm-shop")
  var form = document.getElementById("cm-top-up-form")
  if (!root || !form) return
  var status = document.getElementById("cm-status")
  function value(name) {
    var el = form.elements.namedItem(name)
    if (!el) return ""
    return String(el.value || "").trim()
  }
  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit" }).then(function (res) {
      return res.text().then(function (text) {
        var json = text ? JSON.parse(text) : {}
        if (!res.ok) throw new Error(json.message || String(res.status))
        return json
      })
    })
  }
  function sync() {
    var blank = value("kind") === "blank"
    form.querySelector(".cm-blank").hidden = !blank
    form.querySelector(".cm-prepaid").hidden = blank
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
        return post("/store/carts/" + cart.cart_id + "/payment-sessions")
          .then(function () { return post("/store/carts/" + cart.cart_id + "/payment-session", { provider_id: "manual" }) })
          .then(function () { return post("/store/carts/" + cart.cart_id + "/complete") })
      })
      .then(function (done) {
        if (done.type !== "order") throw new Error(done.message || "payment")
        status.textContent = root.dataset.tThanks
      })
      .catch(function (err) {
        status.textContent = root.dataset.tError + " " + err.message
        button.disabled = false
      })
  })
})()

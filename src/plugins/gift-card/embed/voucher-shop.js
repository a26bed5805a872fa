/* The voucher shop page (/embed/vouchers): live preview, cart, payment through Medusa's checkout, balance check. */
;(function () {
  "use strict"
  var root = document.querySelector(".cm-shop")
  var form = document.getElementById("cm-voucher-form")
  if (!root || !form) return
  var locale = root.dataset.locale || "de"
  var currency = (root.dataset.currency || "eur").toUpperCase()
  var postalFee = Number(root.dataset.postalFee || 0)
  var status = document.getElementById("cm-status")

  function money(minor) {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currency }).format(minor / 100)
  }
  var post = window.cmPayment.post
  function value(name) {
    return window.cmPayment.value(form, name)
  }
  function amountMinor() {
    var product = form.elements.namedItem("product_id")
    if (product && product.value) return Number(product.selectedOptions[0].dataset.amount)
    var free = value("free_amount")
    if (free) return Math.round(Number(free.replace(",", ".")) * 100)
    var preset = value("preset")
    return preset ? Number(preset) : 0
  }
  function emit(name, detail) {
    // Namespaced events for the host page (through the loader's postMessage bridge when framed).
    if (window.parent !== window) window.parent.postMessage({ type: "cm:" + name, detail: detail }, "*")
  }

  function preview() {
    var amount = amountMinor()
    var withPost = value("delivery") === "email_post"
    document.getElementById("cm-preview-amount").textContent = amount ? money(amount) : "–"
    document.getElementById("cm-preview-recipient").textContent = value("recipient_name")
    document.getElementById("cm-preview-sender").textContent = value("sender_name")
    document.getElementById("cm-preview-message").textContent = value("message")
    document.getElementById("cm-total").textContent = amount ? money(amount + (withPost ? postalFee : 0)) : "–"
    var card = document.getElementById("cm-card")
    var checked = form.querySelector('input[name="design_id"]:checked')
    var img = checked && checked.value ? checked.parentElement.querySelector("img") : null
    card.style.backgroundImage = img ? 'url("' + img.src + '")' : ""
    card.classList.toggle("cm-has-design", Boolean(img))
    var address = form.querySelector(".cm-address")
    if (address) address.hidden = !withPost
  }
  form.addEventListener("input", preview)
  form.addEventListener("change", function (e) {
    if (e.target && e.target.name === "free_amount" && e.target.value) {
      form.querySelectorAll('input[name="preset"]').forEach(function (r) { r.checked = false })
    }
    if (e.target && e.target.name === "preset") {
      var free = form.elements.namedItem("free_amount")
      if (free) free.value = ""
    }
    preview()
  })
  preview()

  form.addEventListener("submit", function (e) {
    e.preventDefault()
    var button = form.querySelector("button[type=submit]")
    var item = {
      recipient_name: value("recipient_name"),
      recipient_email: value("recipient_email"),
    }
    var product = value("product_id")
    if (product) item.product_id = product
    else item.amount = amountMinor()
    if (value("design_id")) item.design_id = value("design_id")
    if (value("message")) item.message = value("message")
    if (value("deliver_on")) item.deliver_on = value("deliver_on")
    var body = { email: value("email"), sender_name: value("sender_name"), locale: locale, delivery: value("delivery") || "email", items: [item] }
    if (body.delivery === "email_post") {
      body.shipping_address = {
        name: value("address_name"),
        line1: value("line1"),
        line2: value("line2") || null,
        postal_code: value("postal_code"),
        city: value("city"),
        country_code: value("country_code"),
      }
    }
    button.disabled = true
    status.textContent = root.dataset.tPaying
    post("/store/voucher-shop/carts", body)
      .then(function (cart) {
        return pay(cart.cart_id)
      })
      .then(function (order) {
        status.textContent = root.dataset.tThanks
        form.classList.add("cm-done")
        emit("voucher-shop:ordered", { order_id: order.id })
      })
      .catch(function (err) {
        status.textContent = root.dataset.tError + " " + err.message
        button.disabled = false
      })
  })

  /** The payment step (payment.js): here, or on a top-level page when the provider cannot pay in a frame. */
  function pay(cartId) {
    return window.cmPayment.pay(cartId, { root: root, status: status, mount: document.getElementById("cm-payment") })
  }

  var balanceForm = document.getElementById("cm-balance-form")
  var balanceStatus = document.getElementById("cm-balance-status")
  balanceForm.addEventListener("submit", function (e) {
    e.preventDefault()
    var code = String(balanceForm.elements.namedItem("code").value || "").trim()
    post("/store/voucher-shop/balance", { code: code })
      .then(function (res) {
        var v = res.voucher
        currency = v.currency_code.toUpperCase()
        balanceStatus.textContent = root.dataset.tBalance + " " + money(v.balance) + (v.valid_until ? " (" + root.dataset.tValid + " " + v.valid_until + ")" : "")
      })
      .catch(function (err) {
        balanceStatus.textContent = root.dataset.tError + " " + err.message
      })
  })
})()

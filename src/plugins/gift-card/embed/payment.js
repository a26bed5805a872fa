/*
 * The payment step of the voucher shop and the top-up page (window.cmPayment.pay, with the
 * pages' shared `post` and `value`), and the
 * top-level checkout page (/embed/checkout). A provider that cannot pay inside a frame
 * (`top_level` from /store/voucher-shop/checkout) continues, when this page is framed, on the
 * server's top-level checkout page in a new window; the cart travels in a signed, short-lived
 * token in its address, never in a cookie. That page tells its opener the outcome by
 * postMessage ({ type: "cm:checkout:completed", token, order_id }); the framed page also asks
 * /store/voucher-shop/checkout/status, in case the message cannot reach it.
 */
;(function () {
  "use strict"
  var POLL_MS = 1500

  function request(method, path, body) {
    return fetch(path, { method: method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit" }).then(function (res) {
      return res.text().then(function (text) {
        var json = text ? JSON.parse(text) : {}
        if (!res.ok) {
          var err = new Error(json.message || String(res.status))
          err.status = res.status
          throw err
        }
        return json
      })
    })
  }
  function post(path, body) { return request("POST", path, body) }
  /** A form control's value, trimmed ("" when the form has no such control; a radio group's checked value). */
  function value(form, name) {
    var el = form.elements.namedItem(name)
    if (!el) return ""
    return String(el.value || "").trim()
  }

  var framed = (function () {
    try { return window.self !== window.top } catch { return true }
  })()

  function complete(cartId) {
    return post("/store/carts/" + cartId + "/complete").then(function (done) {
      if (done.type !== "order") throw new Error((done.data && done.data.message) || done.message || "payment")
      return done.data
    })
  }

  function loadStripe() {
    if (window.Stripe) return Promise.resolve(window.Stripe)
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script")
      s.src = "https://js.stripe.com/v3/"
      s.onload = function () { resolve(window.Stripe) }
      s.onerror = function () { reject(new Error("Stripe")) }
      document.head.appendChild(s)
    })
  }

  /** Stripe's Payment Element in `ui.mount`; resolves once Stripe has confirmed the payment. */
  function stripeStep(cart, ui, returnUrl) {
    var key = ui.root.dataset.stripeKey
    var session = cart && cart.payment_session
    var secret = session && session.data && session.data.client_secret
    if (!key || !secret) return Promise.reject(new Error(ui.root.dataset.tNoProvider))
    return loadStripe().then(function (Stripe) {
      var stripe = Stripe(key)
      var elements = stripe.elements({ clientSecret: secret, locale: ui.root.dataset.locale || "auto" })
      var box = document.createElement("div")
      ui.mount.appendChild(box)
      elements.create("payment").mount(box)
      var button = document.createElement("button")
      button.type = "button"
      button.className = "cm-button"
      button.textContent = ui.root.dataset.tPayNow
      ui.mount.appendChild(button)
      return new Promise(function (resolve, reject) {
        button.addEventListener("click", function () {
          button.disabled = true
          stripe.confirmPayment({ elements: elements, confirmParams: { return_url: returnUrl }, redirect: "if_required" }).then(function (r) {
            if (r.error) {
              button.disabled = false
              ui.status.textContent = ui.root.dataset.tError + " " + r.error.message
              return
            }
            resolve()
          }, reject)
        })
      })
    })
  }

  /** Pays here: selects the provider's session, runs its client step, completes the cart. */
  function payHere(cartId, provider, ui, returnUrl) {
    return post("/store/carts/" + cartId + "/payment-session", { provider_id: provider.id })
      .then(function (res) {
        if (provider.client === "stripe") return stripeStep(res.cart, ui, returnUrl)
      })
      .then(function () { return complete(cartId) })
  }

  /** A link to the top-level checkout page; resolves with the order when that page reports it (or the status says so). */
  function continueTopLevel(info, ui) {
    return new Promise(function (resolve, reject) {
      var link = document.createElement("a")
      link.href = info.checkout_url + "&locale=" + encodeURIComponent(ui.root.dataset.locale || "de")
      link.target = "_blank"
      // The new window keeps its opener (same origin: this server) to report the outcome.
      link.rel = "opener"
      link.className = "cm-button cm-continue"
      link.textContent = ui.root.dataset.tContinue
      ui.mount.appendChild(link)
      var finished = false
      var timer
      function finish(orderId) {
        if (finished) return
        finished = true
        clearInterval(timer)
        window.removeEventListener("message", onMessage)
        link.remove()
        resolve({ id: orderId })
      }
      function onMessage(e) {
        var d = e.data
        if (e.origin === window.location.origin && d && d.type === "cm:checkout:completed" && d.token === info.token) finish(d.order_id)
      }
      window.addEventListener("message", onMessage)
      link.addEventListener("click", function () { ui.status.textContent = ui.root.dataset.tWaiting })
      timer = setInterval(function () {
        request("GET", "/store/voucher-shop/checkout/status?token=" + encodeURIComponent(info.token)).then(
          function (s) { if (s.status === "completed") finish(s.order_id) },
          function (err) {
            if (err.status === 403) {
              finished = true
              clearInterval(timer)
              link.remove()
              reject(err)
            }
          }
        )
      }, POLL_MS)
    })
  }

  /**
   * Pays a cart of the shop or the top-up page: `ui` = { root (data-t-* texts), status, mount }.
   * Resolves with the order ({ id }).
   */
  function pay(cartId, ui) {
    return post("/store/carts/" + cartId + "/payment-sessions")
      .then(function () { return post("/store/voucher-shop/checkout", { cart_id: cartId }) })
      .then(function (info) {
        // The server lists the providers in the order to use them (a real one before the manual one).
        var provider = info.providers[0]
        if (!provider) throw new Error(ui.root.dataset.tNoProvider)
        if (provider.top_level && framed) return continueTopLevel(info, ui)
        return payHere(cartId, provider, ui, new URL(info.checkout_url, window.location.href).href)
      })
  }

  // `post` and `value` serve the shop pages too (voucher-shop.js, top-up.js), which load after this file.
  window.cmPayment = { pay: pay, framed: framed, post: post, value: value }

  // The top-level checkout page.
  var root = document.querySelector(".cm-checkout")
  if (!root) return
  var status = document.getElementById("cm-status")
  var ui = { root: root, status: status, mount: document.getElementById("cm-payment") }
  var provider = { id: root.dataset.provider, client: root.dataset.client }
  var token = root.dataset.token
  function done(order) {
    status.textContent = root.dataset.tPaid
    var button = document.getElementById("cm-pay-now")
    if (button) button.hidden = true
    if (window.opener) {
      try { window.opener.postMessage({ type: "cm:checkout:completed", token: token, order_id: order.id }, window.location.origin) } catch { /* the opener navigated away: it asks the status */ }
    }
  }
  function failed(err) {
    status.textContent = root.dataset.tError + " " + err.message
    var button = document.getElementById("cm-pay-now")
    if (button) button.disabled = false
  }
  if (root.dataset.order) {
    done({ id: root.dataset.order })
    return
  }
  if (!provider.id) return
  var params = new URLSearchParams(window.location.search)
  if (params.get("redirect_status") === "succeeded") {
    // Back from a redirecting payment method (bank, wallet): Stripe has confirmed it.
    complete(root.dataset.cart).then(done, failed)
    return
  }
  if (provider.client === "stripe") {
    payHere(root.dataset.cart, provider, ui, window.location.href).then(done, failed)
    return
  }
  var button = document.getElementById("cm-pay-now")
  button.addEventListener("click", function () {
    button.disabled = true
    payHere(root.dataset.cart, provider, ui, window.location.href).then(done, failed)
  })
})()

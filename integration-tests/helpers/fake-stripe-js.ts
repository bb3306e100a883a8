/**
 * A stand-in for Stripe.js (https://js.stripe.com/<version>/stripe.js) for browser tests,
 * which have no internet: serve it with Playwright's `page.route("https://js.stripe.com/**")`.
 * It implements just what the storefront's card forms use through @stripe/react-stripe-js:
 * `Stripe(key)` -> `elements(options)` -> `create("payment")` mounted into the page, then
 * `elements.submit()` and `createPaymentMethod({ elements })`. The mounted element is a
 * plain text input labelled "Card number" (the real one is an iframe) and, as Stripe's test
 * cards do, the number typed decides what happens:
 * - fewer than 16 digits: `submit()` answers Stripe's validation error
 *   ("Your card number is incomplete."), no payment method;
 * - `FAKE_DECLINED_CARD` (Stripe's generic decline test card 4000 0000 0000 0002): the
 *   payment method `FAKE_DECLINED_PM`, which Stripe refuses only when it is used (the
 *   server-side FakeStripe declines it when it is in `declinedMethods`);
 * - any other 16 digits: `pm_fake_<last 4>_<n>`, a new id each time.
 */
export const FAKE_DECLINED_CARD = "4000000000000002"
export const FAKE_DECLINED_PM = "pm_fake_declined_0002"

export const FAKE_STRIPE_JS = `(function () {
  var counter = 0;
  function Stripe(key) {
    if (typeof key !== "string" || key.indexOf("pk_") !== 0) throw new Error("fake Stripe.js: bad publishable key " + key);
    function elements(options) {
      var mounted = [];
      function create(type) {
        var listeners = {};
        var input = null;
        var fire = function (event, payload) { (listeners[event] || []).slice().forEach(function (cb) { cb(payload); }); };
        var element = {
          type: type,
          digits: function () { return input ? input.value.replace(/\\D/g, "") : ""; },
          mount: function (target) {
            var node = typeof target === "string" ? document.querySelector(target) : target;
            input = document.createElement("input");
            input.setAttribute("aria-label", "Card number");
            input.setAttribute("inputmode", "numeric");
            input.setAttribute("data-fake-stripe", type);
            input.addEventListener("input", function () {
              fire("change", { elementType: type, empty: !input.value, complete: element.digits().length >= 16, value: { type: "card" } });
            });
            node.appendChild(input);
            setTimeout(function () { fire("ready", { elementType: type }); }, 0);
          },
          on: function (event, cb) { (listeners[event] = listeners[event] || []).push(cb); return element; },
          once: function (event, cb) { return element.on(event, cb); },
          off: function (event, cb) { listeners[event] = (listeners[event] || []).filter(function (f) { return f !== cb; }); return element; },
          update: function () {},
          focus: function () { if (input) input.focus(); },
          blur: function () { if (input) input.blur(); },
          clear: function () { if (input) input.value = ""; },
          collapse: function () {},
          unmount: function () { if (input && input.parentNode) input.parentNode.removeChild(input); },
          destroy: function () { element.unmount(); mounted = mounted.filter(function (e) { return e !== element; }); }
        };
        mounted.push(element);
        return element;
      }
      var group = {
        options: options || {},
        create: create,
        getElement: function (type) { return mounted.filter(function (e) { return e.type === type; })[0] || null; },
        update: function () {},
        fetchUpdates: function () { return Promise.resolve({}); },
        submit: function () {
          var element = mounted[0];
          if (!element || element.digits().length < 16) {
            return Promise.resolve({ error: { type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete." } });
          }
          return Promise.resolve({});
        },
        digits: function () { return mounted[0] ? mounted[0].digits() : ""; }
      };
      return group;
    }
    function createPaymentMethod(args) {
      var digits = args && args.elements ? args.elements.digits() : "";
      if (digits.length < 16) {
        return Promise.resolve({ error: { type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete." } });
      }
      var id = digits === ${JSON.stringify(FAKE_DECLINED_CARD)} ? ${JSON.stringify(FAKE_DECLINED_PM)} : "pm_fake_" + digits.slice(-4) + "_" + (++counter) + Date.now().toString(36);
      return Promise.resolve({ paymentMethod: { id: id, object: "payment_method", type: "card", card: { last4: digits.slice(-4) } } });
    }
    var notUsed = function (name) { return function () { return Promise.reject(new Error("fake Stripe.js: " + name + " is not implemented")); }; };
    return {
      elements: elements,
      createPaymentMethod: createPaymentMethod,
      createToken: notUsed("createToken"),
      confirmCardPayment: notUsed("confirmCardPayment"),
      confirmPayment: notUsed("confirmPayment"),
      confirmSetup: notUsed("confirmSetup"),
      registerAppInfo: function () {},
      _registerWrapper: function () {}
    };
  }
  Stripe.version = "endive";
  window.Stripe = Stripe;
})();
`

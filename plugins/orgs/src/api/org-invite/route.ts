import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

// A public page: the invitee may have no account yet.
export const AUTHENTICATE = false

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * GET /org-invite?token=: the page an invitation link opens. It shows the invitation
 * (GET /admin/org-invitations/lookup) and lets the invitee sign up or log in, then
 * accept (POST /admin/org-invitations/accept) or decline, and opens the admin.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const token = typeof req.query.token === "string" ? req.query.token : ""
  res.setHeader("content-type", "text/html; charset=utf-8")
  res.setHeader("content-security-policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
  res.send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join an organization</title>
<style>
body{font-family:system-ui,sans-serif;max-width:440px;margin:48px auto;padding:0 16px;color:#111827}
label{display:grid;gap:4px;margin:10px 0;font-weight:600}input{font:inherit;padding:10px;border:1px solid #d1d5db;border-radius:8px}
button{font:inherit;font-weight:600;padding:10px 16px;border-radius:8px;border:0;background:#111827;color:#fff;cursor:pointer;margin-right:8px}
button.secondary{background:#f3f4f6;color:#111827}.error{color:#b91c1c}.muted{color:#6b7280}
</style></head><body>
<h1>Join an organization</h1>
<p id="summary" class="muted">Checking your invitation…</p>
<form id="form" hidden>
  <label>Email<input id="email" type="email" readonly></label>
  <label id="name-row">Your name<input id="first_name" autocomplete="given-name" placeholder="First name"><input id="last_name" autocomplete="family-name" placeholder="Last name"></label>
  <label>Password<input id="password" type="password" minlength="8" required autocomplete="new-password"></label>
  <p class="muted"><input type="checkbox" id="existing"> <label for="existing" style="display:inline">I already have an account (log in)</label></p>
  <button type="submit">Accept invitation</button><button type="button" class="secondary" id="decline">Decline</button>
</form>
<p id="message" role="status"></p>
<script>
const token = ${JSON.stringify(escape(token))};
const $ = (id) => document.getElementById(id);
const call = async (path, body, bearer) => {
  const res = await fetch(path, { method: body ? "POST" : "GET", headers: { "content-type": "application/json", ...(bearer ? { authorization: "Bearer " + bearer } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || ("Request failed (" + res.status + ")"));
  return data;
};
const fail = (e) => { $("message").textContent = e.message; $("message").className = "error"; };
(async () => {
  try {
    const { invitation } = await call("/admin/org-invitations/lookup?token=" + encodeURIComponent(token));
    if (invitation.status !== "pending") throw new Error("This invitation is " + invitation.status + ".");
    if (!invitation.approved_at) throw new Error("This invitation is waiting for approval by an owner or admin of " + invitation.org.name + ".");
    $("summary").textContent = "You are invited to " + invitation.org.name + " as " + invitation.role + ".";
    $("email").value = invitation.email;
    $("form").hidden = false;
  } catch (e) { $("summary").textContent = ""; fail(e); }
})();
$("existing").onchange = () => { $("name-row").hidden = $("existing").checked; };
$("form").onsubmit = async (ev) => {
  ev.preventDefault();
  const email = $("email").value, password = $("password").value;
  try {
    let bearer;
    if ($("existing").checked) {
      bearer = (await call("/auth/user/emailpass", { email, password })).token;
    } else {
      bearer = (await call("/auth/user/emailpass/register", { email, password })).token;
    }
    await call("/admin/org-invitations/accept", { token, first_name: $("first_name").value || undefined, last_name: $("last_name").value || undefined }, bearer);
    $("form").hidden = true;
    $("message").className = "";
    $("message").innerHTML = 'Welcome aboard. <a href="/app/login">Open the admin</a> and log in with ' + email + ".";
  } catch (e) { fail(e); }
};
$("decline").onclick = async () => {
  try { await call("/admin/org-invitations/decline", { token }); $("form").hidden = true; $("message").textContent = "Invitation declined."; }
  catch (e) { fail(e); }
};
</script></body></html>`)
}

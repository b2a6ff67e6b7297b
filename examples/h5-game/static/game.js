// The game page: everything the platform's SDK needs, nothing the page must not know (the
// pay payload comes signed from the game server).
"use strict";

const config = JSON.parse(document.getElementById("config").textContent);
// init takes the channel too; the other SDK functions take only the ids.
const player = { app_id: config.app_id, open_id: config.open_id };
const login = { ...player, channel: config.channel };
const server = { server_id: "3", server_name: "Server 3" };
let role = null;

const $ = (id) => document.getElementById(id);

function show(text) {
  $("status").textContent = text;
}

async function refreshOrders() {
  const answer = await fetch("/api/state?session=" + encodeURIComponent(config.session));
  const orders = await answer.json();
  $("orders").textContent = orders.length === 0
    ? "none"
    : orders.map((o) => `${o.bill_no}: ${o.total_fee} yuanbao, delivered ${o.deliveries}x`).join("; ");
  return orders;
}

/** The signed payload for `total_fee` yuanbao, from the game server. */
async function signedPayload(totalFee) {
  const answer = await fetch("/api/pay", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      session: config.session,
      total_fee: totalFee,
      ext: `srv=${server.server_id};role=${role ? role.role_id : ""}`,
    }),
  });
  if (!answer.ok) {
    throw new Error(await answer.text());
  }
  return answer.json();
}

/** Hands the payload to the SDK; the result code only says what the user saw. */
function pay(payload) {
  wancmssdk.pay(payload, (code, msg) => {
    $("pay-result").textContent = `code=${code} msg=${msg} bill_no=${payload.bill_no}`;
    // Goods arrive with the platform's notify, not with this code: watch the orders.
    setTimeout(refreshOrders, 300);
    setTimeout(refreshOrders, 1500);
  });
}

wancmssdk.init(login);
show(`logged in as ${config.open_id}`);
$("enter-server").disabled = false;

$("enter-server").onclick = () => {
  wancmssdk.selectServer({ ...player, ...server });
  show(`on ${server.server_name}`);
  $("create-role").disabled = false;
};

$("create-role").onclick = () => {
  role = { role_id: "77", role_name: $("role-name").value, role_level: "1" };
  wancmssdk.createRole({ ...player, ...server, ...role });
  show(`playing ${role.role_name} on ${server.server_name}`);
  $("buy").disabled = false;
};

$("buy").onclick = async () => {
  try {
    pay(await signedPayload(60));
  } catch (e) {
    $("pay-result").textContent = `could not order: ${e}`;
  }
};

// For tests and the curious: the pieces, to try other payloads from the console.
window.game = { signedPayload, pay, refreshOrders };

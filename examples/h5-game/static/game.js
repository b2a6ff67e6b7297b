// @ts-check
// The game page: everything the platform's SDK needs, nothing the page must not know (the
// pay payload comes signed from the game server). Type-checked with `tsc --strict` against
// the generated wancms declarations (examples/page-types).
"use strict";

(() => {
  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  /** @param {string} id */
  const button = (id) => /** @type {HTMLButtonElement} */ ($(id));

  /** @type {{ session: string, app_id: string, open_id: string, channel: string }} */
  const config = JSON.parse($("config").textContent || "{}");
  // init takes the channel too; the other SDK functions take only the ids.
  const player = { app_id: config.app_id, open_id: config.open_id };
  /** @type {wancms.InitPayload} */
  const login = { ...player, channel: config.channel };
  const server = { server_id: "3", server_name: "Server 3" };
  /** @type {{ role_id: string, role_name: string, role_level: string } | null} */
  let role = null;

  /** @param {string} text */
  function show(text) {
    $("status").textContent = text;
  }

  async function refreshOrders() {
    const answer = await fetch("/api/state?session=" + encodeURIComponent(config.session));
    /** @type {{ bill_no: string, total_fee: number, deliveries: number }[]} */
    const orders = await answer.json();
    $("orders").textContent = orders.length === 0
      ? "none"
      : orders.map((o) => `${o.bill_no}: ${o.total_fee} yuanbao, delivered ${o.deliveries}x`).join("; ");
    return orders;
  }

  /**
   * The signed payload for `totalFee` yuanbao, from the game server.
   * @param {number} totalFee
   * @returns {Promise<wancms.PayPayload>}
   */
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

  /**
   * Hands the payload to the SDK; the result code only says what the user saw.
   * @param {wancms.PayPayload} payload
   */
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
  button("enter-server").disabled = false;

  button("enter-server").onclick = () => {
    wancmssdk.selectServer({ ...player, ...server });
    show(`on ${server.server_name}`);
    button("create-role").disabled = false;
  };

  button("create-role").onclick = () => {
    const name = /** @type {HTMLInputElement} */ ($("role-name")).value;
    role = { role_id: "77", role_name: name, role_level: "1" };
    wancmssdk.createRole({ ...player, ...server, ...role });
    show(`playing ${role.role_name} on ${server.server_name}`);
    button("buy").disabled = false;
  };

  button("buy").onclick = async () => {
    try {
      pay(await signedPayload(60));
    } catch (e) {
      $("pay-result").textContent = `could not order: ${e}`;
    }
  };

  // For tests and the curious: the pieces, to try other payloads from the console.
  /** @type {any} */ (window).game = { signedPayload, pay, refreshOrders };
})();

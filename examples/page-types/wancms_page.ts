// A wancms game page written against the generated declarations: what `tsc --strict` must
// accept, and (marked @ts-expect-error) what it must refuse.

const login = { app_id: "game_1001", open_id: "wc_open_9f8e7d", channel: "" };

const init: wancms.InitPayload = login;
wancmssdk.init(init);

wancmssdk.selectServer({ ...login, server_id: "3", server_name: "Server 3" });
wancmssdk.createRole({
  ...login,
  server_id: "3",
  server_name: "Server 3",
  role_id: "77",
  role_name: "Hero",
  role_level: "1",
});

/** The payload as the game server signed it (the page never sees the pay key). */
async function signedPayload(): Promise<wancms.PayPayload> {
  const answer = await fetch("/api/pay", { method: "POST" });
  return (await answer.json()) as wancms.PayPayload;
}

function onPaid(code: wancms.PayResult, msg: string): void {
  switch (code) {
    case wancms.PayResult.Paid:
      document.title = "paid: waiting for the server to deliver";
      break;
    case wancms.PayResult.BadParams:
    case wancms.PayResult.WrongParamCount:
      console.error(`the payload was refused: ${msg}`);
      break;
    default:
      console.log(`not paid (${code}): ${msg}`);
  }
}

signedPayload().then((payload) => wancmssdk.pay(payload, onPaid));

wancmssdk.share({ open_id: login.open_id }, (code) => {
  if (code === wancms.ShareResult.Shared) {
    console.log("shared");
  }
});
wancmssdk.favorite({ open_id: login.open_id }, (code: number, msg: string) => {
  console.log(code, msg);
});

const unsigned = {
  app_id: "game_1001",
  open_id: "wc_open_9f8e7d",
  bill_no: "B1",
  goods_name: "60",
  total_fee: 60,
  ext: "",
};
// @ts-expect-error: a pay payload without its server-made `sign` is refused.
wancmssdk.pay(unsigned, onPaid);
// @ts-expect-error: `total_fee` is a number, not text.
wancmssdk.pay({ ...unsigned, total_fee: "60", sign: "x" }, onPaid);
// @ts-expect-error: `init` takes no callback.
wancmssdk.init(init, () => {});
// @ts-expect-error: 42 is not a pay result code.
onPaid(42, "");

/** Where const enums cannot be inlined, the codes are plain literals. */
const refused: wancms.PayResultCode[] = [9, 10];
// @ts-expect-error: 11 is not one of them.
const unknown: wancms.PayResultCode = 11;
console.log(refused, unknown);

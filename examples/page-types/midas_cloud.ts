// A WeChat cloud function written against the generated declarations of the cloud-call form.

declare const cloud: wechat_midas.Cloud & {
  signature(options: { type: "midas"; params: string[]; secret: string }): wechat_midas.CloudSignature;
};

async function present(openid: string, billNo: string): Promise<number | undefined> {
  const params: wechat_midas.PresentCloudParams = {
    openid,
    appid: "wxa1b2c3d4e5f6",
    offerId: "1450000001",
    ts: Math.floor(Date.now() / 1000),
    zoneId: "1",
    pf: "android",
    billNo,
    presentCounts: 10,
    sig: cloud.signature({
      type: "midas",
      params: ["openid", "appid", "offerId", "ts", "zoneId", "pf", "presentCounts", "billNo"],
      secret: "the sandbox AppKey",
    }),
  };
  try {
    const answer = await cloud.openapi.midas.presentSandbox(params);
    return answer.errCode === wechat_midas.ErrCode.Ok ? answer.balance : undefined;
  } catch (e) {
    const error = e as wechat_midas.CloudError;
    if (error.errCode === wechat_midas.ErrCode.OrderExists) {
      return undefined;
    }
    throw new Error(`${error.errCode}: ${error.errMsg}`);
  }
}

async function balance(openid: string): Promise<number> {
  const answer = await cloud.openapi.midas.getBalance({
    openid,
    appid: "wxa1b2c3d4e5f6",
    offerId: "1450000001",
    ts: 1763769600,
    zoneId: "1",
    pf: "android",
    sig: {},
  });
  return (answer.balance ?? 0) + (answer.genBalance ?? 0);
}

present("oUser", "gift-1").then(console.log);
balance("oUser").then(console.log);

// @ts-expect-error: the cloud form names it `billNo`, not `bill_no`.
cloud.openapi.midas.cancelPay({ openid: "o", appid: "a", offerId: "1", ts: 1, zoneId: "1", pf: "android", bill_no: "b", sig: {} });

-- wrk script: POST /api/check with SMS-length messages, fraud and legitimate in turn.
local bodies = {
  '{"text":"您好，我是市公安局刑侦大队的王警官，您的身份证涉嫌一起洗钱案件，请立即把资金转到安全账户配合调查，不要告诉任何人。"}',
  '{"text":"【招商银行】验证码482913，您正在登录手机银行，5分钟内有效，请勿泄露给他人。"}',
  '{"text":"招聘兼职刷单，先垫付本金，做完任务返佣金，日入500，加QQ 3391234567"}',
  '{"text":"妈，我周六回家吃饭，生活费收到了，别担心。"}',
  '{"text":"【建设银行】您的积分将于今日清零，请登录 http://ccb-jf.top/a 兑换礼品。"}',
}
local i = 0

function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/check", {["Content-Type"] = "application/json"}, bodies[i])
end

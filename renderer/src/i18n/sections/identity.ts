import type { Strings } from '../strings';

/**
 * What the screen says about who the citizen is and what that allows: the greeting for each way of
 * identifying, the card's facts checked against an item's conditions, the contact details each
 * pickup needs, the services that need the card, and what to take away. Mounted under `identity`.
 */
export const identityZh = {
  greeting: {
    card: '您好，',
    typed: '您好！您已输入身份证号码',
    qr: '您好！您已扫码登录',
  },
  cardOnly: '需刷身份证办理',
  cardOnlyHint: '请把身份证放到读卡区',
  eligibility: {
    'min-age': '该事项要求年满{{years}}周岁，您目前未满{{years}}周岁，暂不能申请。',
    residence: '该事项要求{{region}}户籍，您身份证上的住址不在{{region}}，暂不能申请。',
    cardMet: '已核对身份证，符合',
    help: '如有疑问，请到服务台咨询。',
  },
  pickup: {
    needs: '需要：{{what}}',
    phone: '手机号码',
    address: '身份证上的住址',
    and: '和',
    phoneNeeded: '这种领取方式需要手机号码：请回到“填信息”一步填写。',
    'self-service-phone': '取件码以短信发到您的手机，请填写手机号码。',
  },
  ticket: {
    takeTicket: '请取走号票',
  },
};

export const identityEn: Strings<typeof identityZh> = {
  greeting: {
    card: 'Hello, ',
    typed: 'Hello! You have entered your ID number',
    qr: 'Hello! You have signed in with the app',
  },
  cardOnly: 'Needs your ID card',
  cardOnlyHint: 'Please place your ID card on the reader',
  eligibility: {
    'min-age':
      'This service is for people aged {{years}} or over. You are not {{years}} yet, so you cannot apply for it now.',
    residence:
      'This service is for residents registered in {{region}}. The address on your ID card is not in {{region}}, so you cannot apply for it now.',
    cardMet: 'Checked against your ID card: met',
    help: 'If you have questions, please ask at the service desk.',
  },
  pickup: {
    needs: 'Needs: {{what}}',
    phone: 'a mobile number',
    address: 'the address on your ID card',
    and: ' and ',
    phoneNeeded: 'This way of receiving it needs a mobile number: please add it in the “Details” step.',
    'self-service-phone': 'The pickup code is sent to your mobile by text message; please add your number.',
  },
  ticket: {
    takeTicket: 'Please take your ticket',
  },
};

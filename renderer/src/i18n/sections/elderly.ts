import type { Strings } from '../strings';

/**
 * 长辈模式 in both languages: its short menu and the offer made to a card holder of 60 or more.
 * zh-CN.ts and en.ts mount it under `elderlyMode` (`elderly` holds the header's toggle).
 */
export const elderlyModeZh = {
  menu: {
    title: '常用服务',
    hint: '字更大，语音播报已开启，每一步的时间更宽裕。',
    seniorCard: '老年人优待证',
    seniorCardHint: '年满60周岁可申领，刷身份证即可办理',
    allServices: '全部服务',
    shortMenu: '回到常用服务',
  },
  offer: {
    title: '是否切换到长辈模式？',
    text: '长辈模式字更大，有语音播报，常用服务放在最前面，每一步的时间更宽裕。',
    yes: '是',
    no: '否',
  },
};

export const elderlyModeEn: Strings<typeof elderlyModeZh> = {
  menu: {
    title: 'Most used services',
    hint: 'Larger text, voice guidance on, and more time for every step.',
    seniorCard: 'Senior citizen card',
    seniorCardHint: 'For residents aged 60 or more, with your ID card',
    allServices: 'All services',
    shortMenu: 'Back to most used services',
  },
  offer: {
    title: 'Switch to senior mode?',
    text: 'Senior mode has larger text, voice guidance, the most used services first and more time for every step.',
    yes: 'Yes',
    no: 'No',
  },
};

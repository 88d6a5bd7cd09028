import type { ThemeConfig } from 'antd';

/** One calm brand colour and compact spacing: the console is used all day at a front desk. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#155eef',
    colorInfo: '#155eef',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      siderBg: '#ffffff',
      bodyBg: '#f5f7fa',
      headerHeight: 56,
      headerPadding: '0 20px',
    },
    Menu: { itemHeight: 38, itemMarginInline: 8, groupTitleFontSize: 12 },
    Table: { cellPaddingBlockSM: 8 },
  },
};

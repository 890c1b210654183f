// Icons as SVG path data on a 24×24 grid (drawn by <Icon>), so navigation never depends on emoji
// fonts being installed. Modules pick one for their entry in web/src/modules.ts or add their own.
export const ICONS = {
  home: 'M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  info: 'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1 8v8h2v-8zm0-4v2h2V6z',
  user: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z',
  health: 'M10 3h4v7h7v4h-7v7h-4v-7H3v-4h7z',
  wifi: 'M12 18a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm-4.2-2.8a6 6 0 0 1 8.4 0l-1.4 1.4a4 4 0 0 0-5.6 0zM4.9 12.3a10 10 0 0 1 14.2 0l-1.4 1.4a8 8 0 0 0-11.4 0zM2 9.4a14 14 0 0 1 20 0l-1.4 1.4a12 12 0 0 0-17.2 0z',
  chart: 'M4 20V10h3v10zm6.5 0V4h3v16zM17 20v-7h3v7z',
  map: 'M9 4 3 6v14l6-2 6 2 6-2V4l-6 2zm0 2.2 6 2v11.6l-6-2z',
  shop: 'M4 4h16l1 5a3 3 0 0 1-2 2.8V20H5v-8.2A3 3 0 0 1 3 9zm5 10v4h6v-4z',
  logout: 'M10 3h9a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-9v-2h9V5h-9zm-.6 4.6L11 9l-2 2h8v2H9l2 2-1.6 1.4L4.8 12z',
  list: 'M4 5h2v2H4zm4 0h12v2H8zm-4 6h2v2H4zm4 0h12v2H8zm-4 6h2v2H4zm4 0h12v2H8z',
} as const;

export type IconName = keyof typeof ICONS;

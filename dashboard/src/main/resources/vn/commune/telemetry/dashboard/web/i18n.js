// Every string of the dashboard, in Vietnamese (first) and English. Each entry is [vi, en]: a string cannot exist in
// one language only (DashboardFilesTest checks it). {name} marks a value put in at run time.

const STRINGS = {
  'app.name': ['Giám sát hạ tầng thông tin cơ sở', 'Commune Telemetry'],
  'app.short': ['Giám sát cơ sở', 'Commune Telemetry'],
  'lang.other': ['English', 'Tiếng Việt'],
  'logout': ['Đăng xuất', 'Log out'],
  'login.title': ['Đăng nhập', 'Log in'],
  'login.username': ['Tên đăng nhập', 'Username'],
  'login.password': ['Mật khẩu', 'Password'],
  'login.submit': ['Đăng nhập', 'Log in'],
  'login.failed': ['Sai tên đăng nhập hoặc mật khẩu.', 'Wrong username or password.'],
  'login.throttled': ['Đăng nhập sai quá nhiều lần. Thử lại sau {seconds} giây.',
    'Too many failed logins. Try again in {seconds} s.'],
  'error.load': ['Không tải được dữ liệu: {detail}', 'Could not load: {detail}'],
  'error.network': ['Mất kết nối tới máy chủ.', 'The server cannot be reached.'],
  'notfound': ['Không có trang này.', 'No such page.'],
  'nav.overview': ['Tổng quan', 'Overview'],
  'nav.alerts': ['Cảnh báo', 'Alerts'],
  'alerts.active': ['Cảnh báo đang mở', 'Active alerts'],
  'alerts.history': ['Lịch sử 7 ngày', 'History, 7 days'],
  'alerts.silences': ['Đang tắt thông báo', 'Silences in force'],
  'alerts.noSilences': ['Không có.', 'None.'],
  'alerts.ack': ['Nhận xử lý', 'Acknowledge'],
  'alerts.note': ['Ghi chú (ví dụ: đang đến)', 'Note (e.g. on my way)'],
  'alerts.acked': ['{who} đã nhận xử lý lúc {when}', 'taken on by {who} at {when}'],
  'alerts.silence': ['Tắt thông báo', 'Silence'],
  'alerts.silenceFor': ['trong', 'for'],
  'alerts.reason': ['Lý do', 'Reason'],
  'alerts.reasonDefault': ['Đang xử lý tại chỗ', 'Being fixed on site'],
  'alerts.until': ['{what} đến {when} ({reason}, {who})', '{what} until {when} ({reason}, {who})'],
  'alerts.unsilence': ['Bật lại', 'End'],
  'alerts.hours': ['{n} giờ', '{n} h'],
  'alerts.days': ['{n} ngày', '{n} d'],
  'alerts.done': ['Đã lưu.', 'Saved.'],
  'overview.place': ['Địa bàn', 'Area'],
  'overview.devices': ['Thiết bị', 'Devices'],
  'overview.online': ['{online}/{total} đang hoạt động', '{online}/{total} online'],
  'overview.states': ['{offline} mất kết nối · {unknown} không rõ · {maintenance} bảo trì',
    '{offline} offline · {unknown} unknown · {maintenance} in maintenance'],
  'overview.uptime': ['Tỷ lệ hoạt động', 'Uptime'],
  'overview.uptime24': ['24 giờ qua', 'Last 24 hours'],
  'overview.uptime30': ['30 ngày qua', 'Last 30 days'],
  'overview.outages': ['{count} lần mất kết nối', '{count} outages'],
  'overview.coverage': ['Độ phủ sóng (hoạt động hiện tại)', 'Coverage (working now)'],
  'overview.coverageLine': ['{working}/{total} khu dân cư', '{working}/{total} populated places'],
  'overview.byPopulation': ['theo dân số: {pct}', 'by population: {pct}'],
  'overview.alerts': ['Cảnh báo đang mở', 'Active alerts'],
  'overview.noAlerts': ['Không có cảnh báo nào.', 'No active alerts.'],
  'overview.acknowledged': ['đã nhận xử lý: {who}', 'taken on by {who}'],
  'overview.since': ['từ {when}', 'since {when}'],
  'overview.worst': ['Địa bàn kém nhất (24 giờ)', 'Worst areas (24 hours)'],
  'overview.noWorst': ['Không có địa bàn con.', 'No areas below.'],
  'overview.live': ['Cập nhật trực tiếp', 'Live'],
  'overview.offlineLive': ['Mất cập nhật trực tiếp, đang kết nối lại…', 'Live updates lost, reconnecting…'],
  'overview.updated': ['Cập nhật lúc {time}', 'Updated at {time}'],
  'overview.up': ['Lên cấp trên', 'Up one level'],
  'device.state': ['Trạng thái', 'State'],
  'device.since': ['từ {when}', 'since {when}'],
  'device.where': ['Vị trí', 'Where'],
  'device.gateway': ['Qua gateway', 'Through gateway'],
  'device.interval': ['Gửi trạng thái mỗi {seconds} giây', 'Reports every {seconds} s'],
  'device.timeline': ['Diễn biến 24 giờ qua', 'The last 24 hours'],
  'device.chart': ['Biểu đồ', 'Chart'],
  'device.time': ['Thời gian', 'Time'],
  'device.field': ['Chỉ số', 'Measure'],
  'device.period': ['Khoảng thời gian', 'Period'],
  'device.noData': ['Chưa có số liệu trong khoảng này.', 'No data in this period.'],
  'device.last': ['Trạng thái gửi gần nhất ({when})', 'Latest status ({when})'],
  'device.noStatus': ['Thiết bị chưa gửi trạng thái nào.', 'The device has not reported yet.'],
  'device.alerts': ['Cảnh báo 7 ngày qua', 'Alerts of the last 7 days'],
  'device.maintenance': ['Bảo trì: {reason} ({from} – {to})', 'Maintenance: {reason} ({from} – {to})'],
  'device.open': ['đang mở', 'open'],
  'device.resolvedAt': ['đã khắc phục {when}', 'resolved {when}'],
  'period.24h': ['24 giờ', '24 hours'],
  'period.7d': ['7 ngày', '7 days'],
  'period.30d': ['30 ngày', '30 days'],
  'state.online': ['Hoạt động', 'Online'],
  'state.offline': ['Mất kết nối', 'Offline'],
  'state.unknown': ['Không rõ', 'Unknown'],
  'state.maintenance': ['Bảo trì', 'Maintenance'],
  'field.battery_pct': ['Pin (%)', 'Battery (%)'],
  'field.temp_c': ['Nhiệt độ (°C)', 'Temperature (°C)'],
  'field.rssi_dbm': ['RSSI (dBm)', 'RSSI (dBm)'],
  'field.rsrp_dbm': ['Sóng 4G RSRP (dBm)', '4G signal RSRP (dBm)'],
  'field.uptime_s': ['Thời gian chạy (giây)', 'Uptime (s)'],
  'field.volume_pct': ['Âm lượng (%)', 'Volume (%)'],
  'field.horns_ok': ['Số loa tốt', 'Working horns'],
  'field.clients': ['Số người dùng Wi-Fi', 'Wi-Fi clients'],
  'field.uplink_mbps': ['Băng thông (Mbit/s)', 'Uplink (Mbit/s)'],
  'field.latency_ms': ['Độ trễ (ms)', 'Latency (ms)'],
  'field.storage_used_pct': ['Bộ nhớ đã dùng (%)', 'Storage used (%)'],
  'field.fps': ['Khung hình/giây', 'Frames per second'],
  'field.bitrate_kbps': ['Tốc độ bit (kbit/s)', 'Bitrate (kbit/s)'],
  'field.devices': ['Số thiết bị phía sau', 'Devices behind it'],
  'field.spool_depth': ['Tin nhắn chờ gửi', 'Messages waiting'],
  'kind.loudspeaker': ['Cụm loa', 'Loudspeakers'],
  'kind.wifi': ['Điểm Wi-Fi', 'Wi-Fi points'],
  'kind.camera': ['Camera', 'Cameras'],
  'kind.gateway': ['Gateway', 'Gateways'],
  'severity.critical': ['Nghiêm trọng', 'Critical'],
  'severity.warning': ['Cảnh báo', 'Warning'],
  'severity.info': ['Thông tin', 'Info'],
  'alert.offline': ['Mất kết nối', 'Offline'],
  'alert.gateway_unreachable': ['Gateway mất kết nối', 'Gateway unreachable'],
  'alert.on_battery': ['Chạy pin (mất điện lưới)', 'On battery'],
  'alert.battery_below': ['Pin yếu', 'Battery low'],
  'alert.temperature_above': ['Nhiệt độ cao', 'Too hot'],
  'alert.not_recording': ['Camera không ghi hình', 'Camera not recording'],
  'alert.storage_above': ['Bộ nhớ camera sắp đầy', 'Camera storage nearly full'],
  'alert.signal_below': ['Sóng yếu', 'Weak signal'],
  'alert.commune_down': ['Nhiều thiết bị mất kết nối cùng lúc', 'Many devices offline together'],
  'alert.broadcast_missed': ['Bỏ lỡ chương trình phát thanh', 'Missed a scheduled broadcast'],
  'alert.flapping': ['Chập chờn', 'Flapping'],
};

const KEY = 'ct.lang';

/** The language in use: vi (default) or en. */
export function lang() {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch (e) {
    return 'vi';
  }
}

/** Chooses the language (kept in this browser). */
export function setLang(value) {
  try {
    localStorage.setItem(KEY, value === 'en' ? 'en' : 'vi');
  } catch (e) {
    // private mode: the choice lasts the page
  }
  document.documentElement.lang = lang();
}

/** The string of {@code key} in the language in use, with {name} replaced by vars.name. */
export function t(key, vars) {
  const entry = STRINGS[key];
  if (!entry) throw new Error('no string ' + key);
  const text = entry[lang() === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (all, name) => (vars && name in vars ? String(vars[name]) : all));
}

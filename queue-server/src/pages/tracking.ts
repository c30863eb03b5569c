/**
 * The public ticket page a phone opens from the QR code: number, service, state, people ahead,
 * estimate, refreshed every few seconds. It shows nothing but the one ticket.
 *
 * The page is the same bytes for every ticket: nothing of the request reaches it. Its script
 * (served from /static/, as the Content-Security-Policy allows no inline script) reads the ticket
 * id from the address bar and only ever puts text into the page with `textContent`.
 */
import { estimateWords, peopleAheadWords } from '@layso/shared';

export function trackingPage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Số thứ tự</title>
<link rel="stylesheet" href="/static/tracking.css">
</head><body><main>
<div class="card" aria-live="polite">
<div class="muted" id="centre"></div>
<div class="muted">Số thứ tự · Ticket number</div>
<div class="num" id="num">…</div>
<div id="service"></div>
<div class="state" id="state"></div>
<div id="ahead"></div>
<div class="muted" id="updated"></div>
</div></main>
<script src="/static/tracking.js"></script>
</body></html>`;
}

export const TRACKING_CSS = `body{font:18px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#111}
main{max-width:28rem;margin:0 auto;padding:1.2rem}
.card{background:#fff;border-radius:16px;padding:1.2rem;box-shadow:0 1px 4px #0002;text-align:center}
.num{font-size:4.5rem;font-weight:800;letter-spacing:.02em;margin:.2rem 0}
.state{font-size:1.4rem;font-weight:700;margin:.6rem 0}
.called{color:#0a7d2c}.muted{color:#555;font-size:.95rem}
`;

/** The page's script: fixed text, built once from the server's own word tables. */
export const TRACKING_JS = `(function(){
var parts=location.pathname.split('/');
var id='';try{id=decodeURIComponent(parts[parts.length-1]||'')}catch(e){id=''}
var STATES={waiting:['Đang chờ','Waiting'],called:['Mời đến quầy','Please go to the counter'],serving:['Đang phục vụ','Now serving'],done:['Đã hoàn thành','Done'],no_show:['Vắng mặt — liên hệ quầy hướng dẫn','No-show — ask at the help desk'],transferred:['Đã chuyển','Transferred'],cancelled:['Đã huỷ','Cancelled'],expired:['Hết hiệu lực','Expired']};
var NOBODY=${JSON.stringify(peopleAheadWords(0))},SOON=${JSON.stringify(estimateWords(0))};
function fmt(n){return String(n).replace(/\\B(?=(\\d{3})+(?!\\d))/g,'.')}
function ahead(n){return n<=0?NOBODY.vi+' · '+NOBODY.en:'Còn '+fmt(n)+' người trước bạn · '+n+' ahead of you'}
function estimate(m){return m<=1?SOON.vi:'khoảng '+fmt(m)+' phút'}
function set(i,t){document.getElementById(i).textContent=t}
function load(){fetch('/api/tickets/'+encodeURIComponent(id)).then(function(r){return r.json()}).then(function(a){
if(!a.ok){set('num','—');set('state','Không tìm thấy vé · Ticket not found');return}
var s=a.data;set('centre',s.centreNameVi);set('num',s.displayNumber);set('service',s.serviceNameVi);
var st=STATES[s.state]||[String(s.state),String(s.state)];
var line=st[0]+' · '+st[1];
if((s.state==='called'||s.state==='serving')&&s.counterNumber!=null){line='Mời đến quầy số '+s.counterNumber+' · Go to counter '+s.counterNumber}
set('state',line);document.getElementById('state').className='state'+(s.state==='called'?' called':'');
set('ahead',s.peopleAhead==null?'':ahead(s.peopleAhead)+(s.estimateMinutes==null?'':' · '+estimate(s.estimateMinutes)));
set('updated','Cập nhật '+new Date().toLocaleTimeString('vi-VN'));
}).catch(function(){set('updated','Mất kết nối — đang thử lại · Reconnecting')})}
load();setInterval(load,5000);
})();
`;

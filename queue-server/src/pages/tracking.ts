/**
 * The public ticket page a phone opens from the QR code: number, service, state, people ahead,
 * estimate, live over the `/public` namespace (a plain WebSocket speaking Socket.IO's protocol,
 * so the page stays a few kilobytes), with a 5-second poll where the socket can't connect. When
 * the number is called the whole page turns into "Mời số … đến quầy số …", and vibrates and beeps
 * where the phone allows (after a first touch). After the counter finishes it offers the rating
 * of each counter that served the visit. It shows nothing but the one ticket.
 *
 * The page is the same bytes for every ticket: nothing of the request reaches it. Its script
 * (served from /static/, as the Content-Security-Policy allows no inline script) reads the ticket
 * id from the address bar and only ever puts text into the page with `textContent`.
 */
import { estimateWords, peopleAheadWords, ratingLevels } from '@layso/shared';

export function trackingPage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Số thứ tự · Ticket</title>
<link rel="stylesheet" href="/static/tracking.css">
</head><body><main>
<div class="card" aria-live="polite">
<div class="muted" id="centre"></div>
<div class="muted">Số thứ tự · Ticket number</div>
<h1 class="num" id="num">…</h1>
<div id="service"></div>
<div class="state" id="state"></div>
<div id="ahead"></div>
<div class="muted" id="updated"></div>
</div>
<section id="rate" class="card rate" hidden></section>
<p class="muted hint" id="hint">Chạm vào màn hình để bật âm báo khi được gọi · Tap the screen to turn on the call alert</p>
</main>
<script src="/static/tracking.js"></script>
</body></html>`;
}

export const TRACKING_CSS = `body{font:18px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#111}
main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:16px;padding:1.2rem;box-shadow:0 1px 4px #0002;text-align:center;margin-bottom:1rem}
.num{font-size:4.5rem;font-weight:800;letter-spacing:.02em;margin:.2rem 0}
.state{font-size:1.4rem;font-weight:700;margin:.6rem 0}
.muted{color:#4a4a4a;font-size:.95rem}.hint{text-align:center}
body.called{background:#0a5c22}
body.called .card:first-child{background:#0a5c22;color:#fff;box-shadow:none}
body.called .muted{color:#fff}
body.called .state{font-size:2.6rem;line-height:1.2}
.rate h2{font-size:1.3rem;margin:.2rem 0 .8rem}
.rate button{display:block;width:100%;min-height:3.4rem;margin:.5rem 0;font:inherit;font-weight:700;border-radius:12px;border:2px solid #1d4ed8;background:#fff;color:#1d3a8a}
.rate button[aria-pressed=true]{background:#1d4ed8;color:#fff}
.rate button.send{background:#1d4ed8;color:#fff}
.rate textarea{width:100%;box-sizing:border-box;min-height:5rem;font:inherit}
.rate .thanks{font-size:1.3rem;font-weight:700;color:#0a5c22}
`;

/** The page's script: fixed text, built once from the server's own word tables. */
export const TRACKING_JS = `(function(){
var parts=location.pathname.split('/');
var id='';try{id=decodeURIComponent(parts[parts.length-1]||'')}catch(e){id=''}
var STATES={waiting:['Đang chờ','Waiting'],called:['Mời đến quầy','Please go to the counter'],serving:['Đang phục vụ','Now serving'],done:['Đã hoàn thành','Done'],no_show:['Vắng mặt — liên hệ quầy hướng dẫn','No-show — ask at the help desk'],transferred:['Đã chuyển','Transferred'],cancelled:['Đã huỷ','Cancelled'],expired:['Hết hiệu lực','Expired']};
var NOBODY=${JSON.stringify(peopleAheadWords(0))},SOON=${JSON.stringify(estimateWords(0))};
var LEVELS={three:${JSON.stringify(ratingLevels('three'))},five:${JSON.stringify(ratingLevels('five'))}};
function $(i){return document.getElementById(i)}
function fmt(n){return String(n).replace(/\\B(?=(\\d{3})+(?!\\d))/g,'.')}
function ahead(n){return n<=0?NOBODY.vi+' · '+NOBODY.en:'Còn '+fmt(n)+' người trước bạn · '+n+' ahead of you'}
function estimate(m){return m<=1?SOON.vi:'khoảng '+fmt(m)+' phút'}
function set(i,t){$(i).textContent=t}
function el(tag,text,cls){var e=document.createElement(tag);if(text)e.textContent=text;if(cls)e.className=cls;return e}
var audio=null,wasCalled=false,live=false,last=null;
document.addEventListener('pointerdown',function(){if(audio)return;try{var A=window.AudioContext||window.webkitAudioContext;if(A){audio=new A();set('hint','Âm báo đã bật · Call alert on')}}catch(e){}});
function alertCall(){
try{if(navigator.vibrate)navigator.vibrate([400,200,400,200,400])}catch(e){}
if(!audio)return;try{[0,0.35].forEach(function(t){var o=audio.createOscillator(),g=audio.createGain();o.frequency.value=880;g.gain.value=0.3;o.connect(g);g.connect(audio.destination);o.start(audio.currentTime+t);o.stop(audio.currentTime+t+0.25)})}catch(e){}}
function notFound(){set('num','—');set('state','Không tìm thấy vé · Ticket not found');set('ahead','')}
function show(s){
last=s;set('centre',s.centreNameVi);set('num',s.displayNumber);set('service',s.serviceNameVi+' · '+s.serviceNameEn);
var st=STATES[s.state]||[String(s.state),String(s.state)];
var line=st[0]+' · '+st[1];
var called=(s.state==='called'||s.state==='serving')&&s.counterNumber!=null;
if(called){line=(s.state==='called'?'Mời số '+s.displayNumber+' đến quầy số '+s.counterNumber+' · Number '+s.displayNumber+' to counter '+s.counterNumber:'Đang phục vụ tại quầy số '+s.counterNumber+' · Now serving at counter '+s.counterNumber)}
set('state',line);document.body.className=s.state==='called'?'called':'';
if(s.state==='called'&&!wasCalled)alertCall();wasCalled=s.state==='called';
set('ahead',s.peopleAhead==null?'':ahead(s.peopleAhead)+(s.estimateMinutes==null?'':' · '+estimate(s.estimateMinutes)));
set('updated','Cập nhật · Updated '+new Date().toLocaleTimeString('vi-VN'));
rating(s)}
var rated={},busy=false;
function rating(s){
var box=$('rate');var todo=(s.visits||[]).filter(function(v){return v.rateable&&!rated[v.ticketId]});
var thanks=(s.visits||[]).some(function(v){return rated[v.ticketId]});
if(busy)return;
if(todo.length===0){if(thanks&&box.hidden===false&&box.getAttribute('data-v')!=='thanks'){box.textContent='';box.appendChild(el('p','Cảm ơn bạn đã đánh giá! · Thank you for your rating!','thanks'));box.setAttribute('data-v','thanks')}if(!thanks)box.hidden=true;return}
var v=todo[0];if(box.getAttribute('data-v')===v.ticketId&&!box.hidden)return;
box.hidden=false;box.setAttribute('data-v',v.ticketId);box.textContent='';
box.appendChild(el('h2','Bạn có hài lòng với quầy số '+v.counterNumber+'? · How was counter '+v.counterNumber+'?'));
var scale=s.rating.scale,low=scale==='three'?1:2;
(LEVELS[scale]||LEVELS.three).forEach(function(l){var b=el('button',l.vi+' · '+l.en);b.type='button';b.setAttribute('data-level',String(l.level));
b.onclick=function(){if(l.level<=low&&s.rating.reasons.length>0)askWhy(v,l,s.rating.reasons);else send(v,l.level,[],null)};box.appendChild(b)})}
function askWhy(v,l,reasons){
busy=true;var box=$('rate');box.textContent='';var chosen=[];
box.appendChild(el('h2','Vì sao bạn chưa hài lòng? · What went wrong?'));
reasons.forEach(function(r){var b=el('button',r);b.type='button';b.setAttribute('aria-pressed','false');b.onclick=function(){var i=chosen.indexOf(r);if(i<0)chosen.push(r);else chosen.splice(i,1);b.setAttribute('aria-pressed',i<0?'true':'false')};box.appendChild(b)});
var more=el('button','Góp ý thêm (không bắt buộc) · Add a comment (optional)');more.type='button';var ta=null;
more.onclick=function(){ta=el('textarea');ta.maxLength=500;ta.setAttribute('aria-label','Góp ý · Comment');box.insertBefore(ta,more);more.remove();ta.focus()};box.appendChild(more);
var err=el('p','','muted');err.setAttribute('role','alert');
var go=el('button','Gửi đánh giá · Send','send');go.type='button';
go.onclick=function(){if(chosen.length===0){err.textContent='Mời chọn ít nhất một lý do · Please choose a reason';return}send(v,l.level,chosen,ta?ta.value:null)};
box.appendChild(err);box.appendChild(go)}
function send(v,level,reasons,comment){
busy=true;var box=$('rate');
fetch('/api/tickets/'+encodeURIComponent(v.ticketId)+'/rating',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({level:level,reasons:reasons,comment:comment})}).then(function(r){return r.json()}).then(function(a){
busy=false;if(a.ok||(a.error&&a.error.code==='ALREADY_RATED')){rated[v.ticketId]=true;box.textContent='';box.appendChild(el('p',a.ok?'Cảm ơn bạn đã đánh giá! · Thank you for your rating!':'Lượt này đã được đánh giá. Xin cảm ơn! · Already rated. Thank you!','thanks'));box.setAttribute('data-v','thanks');setTimeout(function(){if(last)rating(last)},1500);return}
box.appendChild(el('p','Chưa gửi được, mời thử lại · Not sent, please try again','muted'))}).catch(function(){busy=false;box.appendChild(el('p','Mất kết nối — thử lại · Connection lost — try again','muted'))})}
function load(){fetch('/api/tickets/'+encodeURIComponent(id)).then(function(r){return r.json()}).then(function(a){if(!a.ok){if(a.error&&a.error.code==='TICKET_NOT_FOUND')notFound();return}show(a.data)}).catch(function(){set('updated','Mất kết nối — đang thử lại · Reconnecting')})}
function connect(){
var ws;try{ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/socket.io/?EIO=4&transport=websocket')}catch(e){return}
ws.onmessage=function(ev){var m=String(ev.data);
if(m==='2'){ws.send('3');return}
if(m.charAt(0)==='0'){ws.send('40/public,');return}
if(m.indexOf('40/public,')===0){live=true;ws.send('42/public,1'+JSON.stringify(['ticket:track',{ticketId:id}]));return}
if(m.indexOf('43/public,')===0){var a=JSON.parse(m.slice(10).replace(/^\\d+/,''))[0];if(a&&a.ok)show(a.data);else if(a&&a.error&&a.error.code==='TICKET_NOT_FOUND'){notFound();ws.onclose=null;ws.close()}return}
if(m.indexOf('42/public,')===0){var e=JSON.parse(m.slice(10));if(e[0]==='ticket:status')show(e[1])}};
ws.onclose=function(){live=false;setTimeout(connect,3000)}}
load();connect();setInterval(function(){if(!live)load()},5000);
})();
`;

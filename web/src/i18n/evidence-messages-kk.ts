/** The analysis' evidence sentences in Kazakh (the English ones are the analysis' own, src/analysis/evidence-messages.ts). */
import type { EvidenceMessageKey } from './messages.js';

export const EVIDENCE_KK: Record<EvidenceMessageKey, string> = {
  'evidence.dns_lookup_failed':
    '{host} үшін DNS сұрауы {failure} қатесімен аяқталды, ал бақылау өлшемі мына мекенжайларды алды: {control_addrs}.',
  'evidence.dns_inconsistent':
    'Резолвер {host} үшін мына мекенжайларды қайтарды: {addrs}; бақылау өлшемі алған мекенжайлар: {control_addrs} (ортақ мекенжай да, ортақ желі де жоқ).',
  'evidence.tcp_failed':
    '{endpoint} мекенжайына TCP қосылымы орнамады: {failure}; бақылау өлшемі сол мекенжайға қосылды.',
  'evidence.http_failed': 'Бетті жүктеу сәтсіз болды: {failure}, ал бақылау өлшемі оны жүктеді.',
  'evidence.http_diff':
    'Бет бақылаудағыдан өзгеше: жауап коды сәйкес — {status_code_match}, жауап денесінің ұзындығы сәйкес — {body_length_match} (арақатынасы {body_proportion}), ортақ сирек тақырыптамалар — {headers_match}, бет атауы сәйкес — {title_match}.',
  'evidence.redirect_dns_failed':
    'Қайта бағыттау тізбегіндегі хосттардың бірінің атауын шешу сәтсіз болды: {failure}, ал бақылау өлшемі бетті жүктеді.',
  'evidence.page_loaded': 'Бет бақылау өлшемі көргендей жүктелді (немесе тексерілген HTTPS арқылы).',
  'evidence.site_down': 'Сайт жұмыс істемейтін сияқты: бақылау өлшемі де дәл солай сәтсіз аяқталды.',
  'evidence.site_down_with':
    'Сайт жұмыс істемейтін сияқты: бақылау өлшемі де дәл солай сәтсіз аяқталды ({failure}).',
  'evidence.control_failed': 'Қорытынды жоқ: бақылау өлшемі (test helper) {failure} қатесімен аяқталды.',
  'evidence.steps_missing':
    'Қорытынды жоқ: өлшемде шешім қабылдауға қажетті қадамдар немесе бақылау деректері жоқ.',
  'evidence.no_test_keys_verdict': 'Қорытынды жоқ: өлшемде тест нәтижелері (test_keys) жоқ.',
  'evidence.fingerprint_dns':
    'DNS жауабы {fingerprint} бұғаттау ізіне сәйкес келді: мұндай жауапты цензор беретіні белгілі, бұл бұғаттауды растайды.',
  'evidence.fingerprint_redirect':
    '{url} сұрауы {location} мекенжайына қайта бағытталды, бұл {fingerprint} бұғаттау ізіне сәйкес келеді ({header} тақырыбы): бұл белгілі бұғаттау беті, ол бұғаттауды растайды.',
  'evidence.fingerprint_header_value':
    '{url} сұрауына берілген жауапта {fingerprint} бұғаттау ізіне сәйкес келетін {header} тақырыбы ({value}) болды, бұл бұғаттауды растайды.',
  'evidence.fingerprint_header':
    'Жауапта {fingerprint} бұғаттау ізіне сәйкес келетін {header} тақырыбы болды, бұл бұғаттауды растайды.',
  'evidence.fingerprint_body':
    'Бет мазмұны {fingerprint} бұғаттау ізіне сәйкес келді: бұл белгілі бұғаттау беті, ол бұғаттауды растайды.',
  // Given by rules version 5 only; kept for the analyses it stored.
  'evidence.fingerprint_on_control_page':
    'Бет бақылау өлшемінің бетімен бірдей (жауап коды мен тақырыбы бірдей, мазмұн ұзындығы 5 % шегінде); ондағы бұғаттау бетінің мәтіні ({fingerprint}) тек дәйексөз ретінде келтірілген, сондықтан ештеңені растамайды.',
  'evidence.classic_judged_accessible':
    'OONI-дің бақылау өлшемімен классикалық салыстыруы соңғы бетті қолжетімді деп бағалады (blocking=false); із оның бұғаттау беті екенін көрсетеді.',
  'evidence.classic_no_verdict': 'OONI-дің классикалық салыстыруы қорытындыға келмеді; шешімді із береді.',
  'evidence.throttled':
    '{address} мекенжайынан деректер бақылау өлшеміне қарағанда {factor} есе баяу жіберілді.',
  'evidence.throttled_bytes':
    '{address} мекенжайынан деректер бақылау өлшеміне қарағанда {factor} есе баяу жіберілді ({bytes} байт).',
  'evidence.throttled_much':
    '{address} мекенжайынан деректер бақылау өлшеміне қарағанда әлдеқайда баяу жіберілді.',
  'evidence.throttled_much_bytes':
    '{address} мекенжайынан деректер бақылау өлшеміне қарағанда әлдеқайда баяу жіберілді ({bytes} байт).',
  'evidence.throttling_not_judged':
    '{address} үшін баяулату бағаланбады: өлшемдер баяулатуға ұқсады, бірақ зондтың өз оқиғалар циклі өлшеу кезінде {lag} с кешікті, ал бұл кідіріссіз баяулату жоқ.',
  'evidence.known_ca':
    '{address} мекенжайы {server_name} үшін ұсынған сертификаттар тізбегі белгілі ұстап алу CA-сына жатады: {ca}.',
  'evidence.known_ca_issuer':
    '{address} мекенжайы {server_name} үшін ұсынған сертификаттар тізбегі белгілі ұстап алу CA-сына жатады: {ca} (беруші: {issuer}).',
  'evidence.untrusted_chain':
    '{address} мекенжайы {server_name} үшін ұсынған сертификаттар тізбегі бақылаудағыдан өзгеше және сенімді емес.',
  'evidence.untrusted_chain_issuer':
    '{address} мекенжайы {server_name} үшін ұсынған сертификаттар тізбегі бақылаудағыдан өзгеше және сенімді емес (беруші: {issuer}).',
  'evidence.known_ca_matched':
    '{address} мекенжайы {server_name} үшін ұсынған сертификаттар тізбегін {issuer} берген: бұл белгілі ұстап алу CA-сы {ca} ({how} бойынша сәйкестік).',
  'evidence.untrusted_certificate':
    '{address} мекенжайы {server_name} үшін ұсынған сертификат (беруші: {issuer}) бақылаудағыдан өзгеше және тексеруден өтпеді: {failure}.',
  'evidence.sni_blocked':
    '{address} мекенжайымен SNI {server_name} арқылы TLS қол алысуы {failure} қатесімен аяқталды; сол мекенжайда SNI {neutral_name} арқылы ол сәтті өтті, ал бақылау өлшемінің {control_name} атауымен қол алысуы да сәтті болды.',
  'evidence.tls_failed':
    '{address} мекенжайымен SNI {server_name} арқылы TLS қол алысуы {failure} қатесімен аяқталды; бақылау өлшемінің сол мекенжаймен қол алысуы сәтті болды.',
  'evidence.analysis_failed': 'Өлшемді талдау мүмкін болмады: {error}.',
  'evidence.no_test_keys': 'Өлшемде тест нәтижелері (test_keys) жоқ.',
  'evidence.fastpath_outcome':
    '{test}: нәтиже осы тест үшін OONI-дің жедел өңдеу (fastpath) ережелері бойынша алынды; netfreedom бұғаттау әдістерін тек web_connectivity үшін анықтайды.',
  'evidence.fastpath_unscored':
    '{test}: бұл тестті OONI-дің жедел өңдеуі бағаламайды, сондықтан ол ақау ретінде есептеледі.',
  'evidence.test_key_failure': '{test}: {key} мәні — {value}.',
  'evidence.reported_by_backend': 'OONI серверінің хабарлаған қорытындысы; әлі қайта қаралмаған',
  'evidence.reported_by_probe': 'зондтың хабарлаған қорытындысы; әлі қайта қаралмаған',
  'evidence.cp_excluded': 'Censored Planet алып тастаған: {reasons}',
  'evidence.cp_liveness': '{resolver} резолвері жұмыс қабілетін тексеруден өтпеді',
  'evidence.cp_unreachable': '{resolver} резолверіне қосылу мүмкін болмады',
  'evidence.cp_answers_match': '{resolver} жауаптары бақылау резолверлерінің жауаптарымен сәйкес',
  'evidence.cp_answered':
    '{resolver} резолвері {url} сұрауына {rcode} кодымен жауап берді, бақылау резолверлерінен өзгеше',
  'evidence.cp_answered_error':
    '{resolver} резолвері {url} сұрауына {rcode} кодымен және {error} қатесімен жауап берді, бақылау резолверлерінен өзгеше',
  'evidence.cp_answered_ips':
    '{resolver} резолвері {url} сұрауына {rcode} кодымен жауап берді: {ips}, бақылау резолверлерінен өзгеше',
  'evidence.cp_answered_error_ips':
    '{resolver} резолвері {url} сұрауына {rcode} кодымен және {error} қатесімен жауап берді: {ips}, бақылау резолверлерінен өзгеше',
  'evidence.cp_controls_failed': '{server} серверіне бақылау сұраулары сәтсіз болды',
  'evidence.cp_template_match': '{server} серверінің {service} жауаптары үлгіге сәйкес',
  'evidence.cp_false_positives': 'тек белгілі жалған оң нәтиже беттері: {names}',
  'evidence.cp_errors': '{server} серверіне {url} арқылы {service}: {errors}',
  'evidence.cp_differs': '{server} серверіне {url} арқылы {service}: жауап үлгіден өзгеше',
  'evidence.cp_stateful': 'күйді ескеретін бұғаттау: тесттен кейінгі бақылау сұрауы да сәтсіз болды',
  'evidence.cp_blockpage': 'бұғаттау беті {names}',
  'evidence.cp_vantage_point': 'бақылау нүктесі {server}',
  'evidenceValue.nothing': 'жоқ',
  'evidenceValue.listMore': '{list} және тағы {more}',
  'evidenceValue.probeAddressRemoved': '[зонд мекенжайы жойылды]',
  'evidenceValue.how.issuer': 'беруші',
  'evidenceValue.how.sha256': 'SHA-256 хэші',
  'evidenceValue.how.sha1': 'SHA-1 хэші',
  'evidenceValue.how.spki': 'ашық кілт (SPKI)',
};

/** The analysis' evidence sentences in Russian (the English ones are the analysis' own, src/analysis/evidence-messages.ts). */
import type { EvidenceMessageKey } from './messages.js';

export const EVIDENCE_RU: Record<EvidenceMessageKey, string> = {
  'evidence.dns_lookup_failed':
    'DNS-запрос для {host} завершился ошибкой {failure}, тогда как контрольное измерение получило адреса: {control_addrs}.',
  'evidence.dns_inconsistent':
    'Резолвер вернул для {host} адреса: {addrs}; адреса контрольного измерения: {control_addrs} (ни общих адресов, ни общих сетей).',
  'evidence.tcp_failed':
    'TCP-соединение с {endpoint} не установлено: {failure}; контрольное измерение подключилось к тому же адресу.',
  'evidence.http_failed':
    'Загрузить страницу не удалось: {failure}, тогда как контрольное измерение её загрузило.',
  'evidence.http_diff':
    'Страница отличается от контрольной: код ответа совпадает — {status_code_match}, длина тела ответа совпадает — {body_length_match} (соотношение {body_proportion}), общие необычные заголовки — {headers_match}, заголовок страницы совпадает — {title_match}.',
  'evidence.redirect_dns_failed':
    'Не удалось разрешить имя одного из узлов цепочки перенаправлений: {failure}, тогда как контрольное измерение загрузило страницу.',
  'evidence.page_loaded':
    'Страница загрузилась такой же, какой её видело контрольное измерение (или по проверенному HTTPS).',
  'evidence.site_down': 'Сайт, по-видимому, не работает: контрольное измерение завершилось такой же ошибкой.',
  'evidence.site_down_with':
    'Сайт, по-видимому, не работает: контрольное измерение завершилось такой же ошибкой ({failure}).',
  'evidence.control_failed': 'Вывода нет: контрольное измерение (test helper) завершилось ошибкой {failure}.',
  'evidence.steps_missing': 'Вывода нет: в измерении нет шагов или контрольных данных, нужных для решения.',
  'evidence.no_test_keys_verdict': 'Вывода нет: в измерении нет результатов теста (test_keys).',
  'evidence.fingerprint_dns':
    'Ответ DNS совпал с отпечатком блокировки {fingerprint}: такой ответ, как известно, даёт цензор, что подтверждает блокировку.',
  'evidence.fingerprint_redirect':
    'Запрос {url} был перенаправлен на {location}, что совпадает с отпечатком блокировки {fingerprint} (заголовок {header}): это известная страница блокировки, что подтверждает блокировку.',
  'evidence.fingerprint_header_value':
    'Ответ на запрос {url} содержал заголовок {header} ({value}), совпадающий с отпечатком блокировки {fingerprint}, что подтверждает блокировку.',
  'evidence.fingerprint_header':
    'Ответ содержал заголовок {header}, совпадающий с отпечатком блокировки {fingerprint}, что подтверждает блокировку.',
  'evidence.fingerprint_body':
    'Тело страницы совпало с отпечатком блокировки {fingerprint}: это известная страница блокировки, что подтверждает блокировку.',
  // Given by rules version 5 only; kept for the analyses it stored.
  'evidence.fingerprint_on_control_page':
    'Страница совпадает со страницей контрольного измерения (тот же код ответа и заголовок, длина тела в пределах 5 %); текст страницы блокировки в ней ({fingerprint}) лишь процитирован и ничего не подтверждает.',
  'evidence.classic_judged_accessible':
    'Классическое сравнение OONI с контрольным измерением сочло итоговую страницу доступной (blocking=false); отпечаток показывает, что это страница блокировки.',
  'evidence.classic_no_verdict': 'Классическое сравнение OONI не пришло к выводу; решает отпечаток.',
  'evidence.throttled':
    'Передача данных с {address} шла в {factor} раза медленнее, чем у контрольного измерения.',
  'evidence.throttled_bytes':
    'Передача данных с {address} шла в {factor} раза медленнее, чем у контрольного измерения ({bytes} байт).',
  'evidence.throttled_much':
    'Передача данных с {address} шла намного медленнее, чем у контрольного измерения.',
  'evidence.throttled_much_bytes':
    'Передача данных с {address} шла намного медленнее, чем у контрольного измерения ({bytes} байт).',
  'evidence.throttling_not_judged':
    'Замедление для {address} не оценивалось: замеры выглядели как замедление, но цикл событий самого зонда был задержан на {lag} с во время замера, а без этой задержки замедления нет.',
  'evidence.known_ca':
    'Цепочка сертификатов, которую {address} предъявил для {server_name}, ведёт к известному CA перехвата: {ca}.',
  'evidence.known_ca_issuer':
    'Цепочка сертификатов, которую {address} предъявил для {server_name}, ведёт к известному CA перехвата: {ca} (издатель: {issuer}).',
  'evidence.untrusted_chain':
    'Цепочка сертификатов, которую {address} предъявил для {server_name}, отличается от контрольной и не является доверенной.',
  'evidence.untrusted_chain_issuer':
    'Цепочка сертификатов, которую {address} предъявил для {server_name}, отличается от контрольной и не является доверенной (издатель: {issuer}).',
  'evidence.known_ca_matched':
    'Цепочку сертификатов, которую {address} предъявил для {server_name}, выдал {issuer}: это известный CA перехвата {ca} (совпадение по {how}).',
  'evidence.untrusted_certificate':
    'Сертификат, который {address} предъявил для {server_name} (издатель: {issuer}), отличается от контрольного и не прошёл проверку: {failure}.',
  'evidence.sni_blocked':
    'TLS-рукопожатие с {address} с SNI {server_name} завершилось ошибкой {failure}; с SNI {neutral_name} на том же адресе оно прошло, и рукопожатие контрольного измерения с {control_name} тоже прошло.',
  'evidence.tls_failed':
    'TLS-рукопожатие с {address} с SNI {server_name} завершилось ошибкой {failure}; рукопожатие контрольного измерения с тем же адресом прошло.',
  'evidence.analysis_failed': 'Не удалось проанализировать измерение: {error}.',
  'evidence.no_test_keys': 'В измерении нет результатов теста (test_keys).',
  'evidence.fastpath_outcome':
    '{test}: результат по правилам быстрой обработки OONI (fastpath) для этого теста; методы блокировки netfreedom определяет только для web_connectivity.',
  'evidence.fastpath_unscored':
    '{test}: этот тест быстрая обработка OONI не оценивает, поэтому он считается сбоем.',
  'evidence.test_key_failure': '{test}: значение {key} — {value}.',
  'evidence.reported_by_backend': 'вывод в том виде, в каком его сообщил сервер OONI; ещё не пересмотрен',
  'evidence.reported_by_probe': 'вывод в том виде, в каком его сообщил зонд; ещё не пересмотрен',
  'evidence.cp_excluded': 'исключено Censored Planet: {reasons}',
  'evidence.cp_liveness': 'резолвер {resolver} не прошёл проверку работоспособности',
  'evidence.cp_unreachable': 'не удалось связаться с резолвером {resolver}',
  'evidence.cp_answers_match': 'ответы {resolver} совпадают с ответами контрольных резолверов',
  'evidence.cp_answered':
    'резолвер {resolver} ответил на запрос {url} с кодом {rcode}, в отличие от контрольных',
  'evidence.cp_answered_error':
    'резолвер {resolver} ответил на запрос {url} с кодом {rcode} и ошибкой {error}, в отличие от контрольных',
  'evidence.cp_answered_ips':
    'резолвер {resolver} ответил на запрос {url} с кодом {rcode}: {ips}, в отличие от контрольных',
  'evidence.cp_answered_error_ips':
    'резолвер {resolver} ответил на запрос {url} с кодом {rcode} и ошибкой {error}: {ips}, в отличие от контрольных',
  'evidence.cp_controls_failed': 'контрольные запросы к {server} не прошли',
  'evidence.cp_template_match': 'ответы {service} от {server} совпадают с шаблоном',
  'evidence.cp_false_positives': 'только известные ложноположительные страницы: {names}',
  'evidence.cp_errors': '{service} к {server} с {url}: {errors}',
  'evidence.cp_differs': '{service} к {server} с {url}: ответ отличается от шаблона',
  'evidence.cp_stateful': 'блокировка с учётом состояния: контрольный запрос после теста тоже не прошёл',
  'evidence.cp_blockpage': 'страница блокировки {names}',
  'evidence.cp_vantage_point': 'точка наблюдения {server}',
  'evidenceValue.nothing': 'нет',
  'evidenceValue.listMore': '{list} и ещё {more}',
  'evidenceValue.probeAddressRemoved': '[адрес зонда удалён]',
  'evidenceValue.how.issuer': 'издателю',
  'evidenceValue.how.sha256': 'отпечатку SHA-256',
  'evidenceValue.how.sha1': 'отпечатку SHA-1',
  'evidenceValue.how.spki': 'открытому ключу (SPKI)',
};

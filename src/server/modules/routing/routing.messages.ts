import { type PublicLanguage, publicLanguageLocales } from '../../../shared/directory.js';

/**
 * What the 1522 operator reads out to the caller, in Italian and in the
 * caller's language. Placeholders: {service} the referent, {comune} the
 * caller's comune, {network} the network, {km} its distance, {phone} the
 * referent's **public** number (never a reserved desk's: reserved numbers
 * are for the transfer only), {when} the phone line's next opening, already
 * written in that language.
 *
 * `transferH24`: the referent is closed and the call goes to the network's
 * line answering round the clock ({service} is that line).
 *
 * Sentences (seed 003, the national 1522 protocol): `callBack` — when the
 * referent is closed she may call 1522 back while it is open to be put
 * through; `emergency` — in danger the operator alerts the police (112)
 * herself and keeps her on the line; `always` — 1522 when no other number
 * can be given.
 */
export type MessageKind = 'transfer' | 'transferH24' | 'closed' | 'notLinked' | 'nearest' | 'none';

type Texts = Record<MessageKind | 'call' | 'callBack' | 'always' | 'emergency', string>;

export const routingMessages: Record<PublicLanguage, Texts> = {
  it: {
    transfer: 'Ti metto ora in contatto con {service}, il servizio antiviolenza di riferimento per {comune}. Resta in linea.',
    transferH24: 'Il servizio di riferimento per {comune} ora è chiuso: ti metto in contatto con {service}, la linea della rete attiva 24 ore su 24. Resta in linea.',
    closed: 'Il servizio di riferimento per {comune} è {service}. Il suo telefono ora non risponde: la linea telefonica riapre {when}.',
    call: 'Puoi chiamarlo al {phone}.',
    callBack: 'Puoi richiamare il 1522 quando il centro è aperto: ti metteremo in contatto direttamente.',
    notLinked: 'Il servizio di riferimento per {comune} è {service}.',
    nearest: 'Il tuo comune non è coperto da una rete antiviolenza: la più vicina è {network}, a circa {km} km, con {service}.',
    none: 'Per il tuo comune non risulta un servizio di riferimento: il 1522 resta a tua disposizione, gratuito e attivo 24 ore su 24.',
    always: 'Il 1522 resta a tua disposizione, gratuito e attivo 24 ore su 24.',
    emergency: 'Se sei in pericolo adesso, dimmelo: avviso io subito le forze dell’ordine (112) e resto in linea con te.',
  },
  en: {
    transfer: 'I am now putting you through to {service}, the anti-violence service for {comune}. Please stay on the line.',
    transferH24: 'The anti-violence service for {comune} is closed now: I am putting you through to {service}, the network’s line answered 24 hours a day. Please stay on the line.',
    closed: 'The anti-violence service for {comune} is {service}. Its phone is not answered right now: the phone line opens again {when}.',
    call: 'You can call it on {phone}.',
    callBack: 'You can call 1522 back while the centre is open and we will put you through.',
    notLinked: 'The anti-violence service for {comune} is {service}.',
    nearest: 'Your comune is not covered by an anti-violence network: the nearest is {network}, about {km} km away, with {service}.',
    none: 'There is no local service registered for your comune: 1522 is always here for you, free, 24 hours a day.',
    always: '1522 is always here for you, free, 24 hours a day.',
    emergency: 'If you are in danger now, tell me: I will alert the police (112) at once and stay on the line with you.',
  },
  fr: {
    transfer: 'Je vous mets maintenant en relation avec {service}, le service contre les violences de {comune}. Restez en ligne.',
    transferH24: 'Le service de référence de {comune} est fermé en ce moment : je vous mets en relation avec {service}, la ligne du réseau ouverte 24 heures sur 24. Restez en ligne.',
    closed: 'Le service de référence pour {comune} est {service}. Son téléphone ne répond pas en ce moment : la ligne rouvre {when}.',
    call: 'Vous pouvez l’appeler au {phone}.',
    callBack: 'Vous pouvez rappeler le 1522 pendant les heures d’ouverture du centre : nous vous mettrons directement en relation.',
    notLinked: 'Le service de référence pour {comune} est {service}.',
    nearest: 'Votre commune n’est couverte par aucun réseau : le plus proche est {network}, à environ {km} km, avec {service}.',
    none: 'Aucun service local n’est enregistré pour votre commune : le 1522 reste à votre disposition, gratuit, 24 heures sur 24.',
    always: 'Le 1522 reste à votre disposition, gratuit, 24 heures sur 24.',
    emergency: 'Si vous êtes en danger maintenant, dites-le-moi : j’alerte tout de suite les forces de l’ordre (112) et je reste en ligne avec vous.',
  },
  es: {
    transfer: 'Ahora te pongo en contacto con {service}, el servicio contra la violencia de {comune}. No cuelgues.',
    transferH24: 'El servicio de referencia para {comune} ahora está cerrado: te pongo en contacto con {service}, la línea de la red que atiende las 24 horas. No cuelgues.',
    closed: 'El servicio de referencia para {comune} es {service}. Ahora su teléfono no atiende: la línea telefónica vuelve a abrir {when}.',
    call: 'Puedes llamar al {phone}.',
    callBack: 'Puedes volver a llamar al 1522 cuando el centro esté abierto: te pondremos en contacto directamente.',
    notLinked: 'El servicio de referencia para {comune} es {service}.',
    nearest: 'Tu municipio no está cubierto por una red contra la violencia: la más cercana es {network}, a unos {km} km, con {service}.',
    none: 'No hay un servicio local registrado para tu municipio: el 1522 sigue a tu disposición, gratuito, las 24 horas.',
    always: 'El 1522 sigue a tu disposición, gratuito, las 24 horas.',
    emergency: 'Si estás en peligro ahora, dímelo: aviso yo enseguida a la policía (112) y sigo en línea contigo.',
  },
  ar: {
    transfer: 'سأحوّلك الآن إلى {service}، خدمة مناهضة العنف في {comune}. ابقي على الخط.',
    transferH24: 'الخدمة المرجعية في {comune} مغلقة الآن: سأحوّلك إلى {service}، خط الشبكة الذي يعمل على مدار 24 ساعة. ابقي على الخط.',
    closed: 'الخدمة المرجعية في {comune} هي {service}. هاتفها لا يجيب الآن، وسيعود خطها الهاتفي للعمل {when}.',
    call: 'يمكنك الاتصال بها على الرقم {phone}.',
    callBack: 'يمكنك معاودة الاتصال بالرقم 1522 عندما يكون المركز مفتوحًا، وسنحوّلك إليه مباشرة.',
    notLinked: 'الخدمة المرجعية في {comune} هي {service}.',
    nearest: 'بلديتك غير مشمولة بشبكة لمناهضة العنف: أقرب شبكة هي {network}، على بعد حوالي {km} كم، مع {service}.',
    none: 'لا توجد خدمة محلية مسجلة لبلديتك: الرقم 1522 متاح لك دائمًا، مجانًا وعلى مدار 24 ساعة.',
    always: 'الرقم 1522 متاح لك دائمًا، مجانًا وعلى مدار 24 ساعة.',
    emergency: 'إذا كنتِ في خطر الآن، أخبريني: سأبلغ الشرطة (112) فورًا وأبقى معك على الخط.',
  },
  fa: {
    transfer: 'اکنون شما را به {service}، مرکز مقابله با خشونت {comune}، وصل می‌کنم. لطفاً پشت خط بمانید.',
    transferH24: 'مرکز مقابله با خشونت {comune} اکنون بسته است: شما را به {service}، خط شبانه‌روزی شبکه، وصل می‌کنم. لطفاً پشت خط بمانید.',
    closed: 'مرکز مقابله با خشونت {comune}، {service} است. تلفن آن اکنون پاسخ نمی‌دهد: خط تلفن آن {when} دوباره باز می‌شود.',
    call: 'می‌توانید با شماره {phone} با آن تماس بگیرید.',
    callBack: 'وقتی مرکز باز است می‌توانید دوباره با 1522 تماس بگیرید تا شما را مستقیم به آن وصل کنیم.',
    notLinked: 'مرکز مقابله با خشونت {comune}، {service} است.',
    nearest: 'شهر شما زیر پوشش هیچ شبکه مقابله با خشونت نیست: نزدیک‌ترین شبکه {network} است، در فاصله حدود {km} کیلومتر، با {service}.',
    none: 'برای شهر شما مرکز محلی ثبت نشده است: خط 1522 همیشه در دسترس شماست، رایگان و شبانه‌روزی.',
    always: 'خط 1522 همیشه در دسترس شماست، رایگان و شبانه‌روزی.',
    emergency: 'اگر همین حالا در خطر هستید، به من بگویید: من فوراً به پلیس (112) خبر می‌دهم و پشت خط کنار شما می‌مانم.',
  },
  sq: {
    transfer: 'Tani po ju lidh me {service}, shërbimin kundër dhunës për {comune}. Qëndroni në linjë.',
    transferH24: 'Shërbimi i referimit për {comune} tani është i mbyllur: po ju lidh me {service}, linjën e rrjetit që përgjigjet 24 orë në ditë. Qëndroni në linjë.',
    closed: 'Shërbimi i referimit për {comune} është {service}. Tani telefoni i tij nuk përgjigjet: linja telefonike hapet përsëri {when}.',
    call: 'Mund ta telefononi në {phone}.',
    callBack: 'Mund të telefononi përsëri 1522 kur qendra është e hapur: do t’ju lidhim drejtpërdrejt.',
    notLinked: 'Shërbimi i referimit për {comune} është {service}.',
    nearest: 'Komuna juaj nuk mbulohet nga një rrjet kundër dhunës: më i afërti është {network}, rreth {km} km larg, me {service}.',
    none: 'Nuk ka shërbim vendor të regjistruar për komunën tuaj: 1522 është gjithmonë në dispozicion, falas, 24 orë në ditë.',
    always: 'Linja 1522 është gjithmonë në dispozicion, falas, 24 orë në ditë.',
    emergency: 'Nëse jeni në rrezik tani, më tregoni: lajmëroj menjëherë policinë (112) dhe qëndroj në linjë me ju.',
  },
  ru: {
    transfer: 'Сейчас я соединю вас с {service} — службой против насилия для {comune}. Оставайтесь на линии.',
    transferH24: 'Служба для {comune} сейчас закрыта: я соединю вас с {service} — круглосуточной линией сети. Оставайтесь на линии.',
    closed: 'Служба для {comune} — {service}. Сейчас её телефон не отвечает: телефонная линия снова заработает {when}.',
    call: 'Вы можете позвонить по номеру {phone}.',
    callBack: 'Вы можете снова позвонить на 1522, когда центр работает: мы соединим вас напрямую.',
    notLinked: 'Служба для {comune} — {service}.',
    nearest: 'Ваша коммуна не входит ни в одну сеть против насилия: ближайшая — {network}, примерно в {km} км, с {service}.',
    none: 'Для вашей коммуны не зарегистрировано местной службы: линия 1522 всегда к вашим услугам, бесплатно и круглосуточно.',
    always: 'Линия 1522 всегда к вашим услугам, бесплатно и круглосуточно.',
    emergency: 'Если вы сейчас в опасности, скажите мне: я сразу сообщу в полицию (112) и останусь с вами на линии.',
  },
  uk: {
    transfer: 'Зараз я з’єдную вас із {service}, службою протидії насильству для {comune}. Залишайтеся на лінії.',
    transferH24: 'Служба для {comune} зараз зачинена: я з’єдную вас із {service}, цілодобовою лінією мережі. Залишайтеся на лінії.',
    closed: 'Служба для {comune} — це {service}. Зараз її телефон не відповідає: телефонна лінія знову запрацює {when}.',
    call: 'Ви можете зателефонувати за номером {phone}.',
    callBack: 'Ви можете знову зателефонувати на 1522, коли центр працює: ми з’єднаємо вас напряму.',
    notLinked: 'Служба для {comune} — це {service}.',
    nearest: 'Ваша громада не охоплена мережею протидії насильству: найближча — {network}, приблизно за {km} км, із {service}.',
    none: 'Для вашої громади не зареєстровано місцевої служби: лінія 1522 завжди до ваших послуг, безкоштовно й цілодобово.',
    always: 'Лінія 1522 завжди до ваших послуг, безкоштовно й цілодобово.',
    emergency: 'Якщо ви зараз у небезпеці, скажіть мені: я одразу повідомлю поліцію (112) і залишуся з вами на лінії.',
  },
  pt: {
    transfer: 'Vou pô-la agora em contacto com {service}, o serviço contra a violência de {comune}. Não desligue.',
    transferH24: 'O serviço de referência para {comune} está agora fechado: vou pô-la em contacto com {service}, a linha da rede que atende 24 horas por dia. Não desligue.',
    closed: 'O serviço de referência para {comune} é {service}. Agora o telefone não atende: a linha telefónica volta a abrir {when}.',
    call: 'Pode ligar para o {phone}.',
    callBack: 'Pode voltar a ligar para o 1522 enquanto o centro estiver aberto: pomo-la diretamente em contacto.',
    notLinked: 'O serviço de referência para {comune} é {service}.',
    nearest: 'O seu município não está coberto por uma rede contra a violência: a mais próxima é {network}, a cerca de {km} km, com {service}.',
    none: 'Não há nenhum serviço local registado para o seu município: o 1522 está sempre à sua disposição, gratuito, 24 horas por dia.',
    always: 'O 1522 está sempre à sua disposição, gratuito, 24 horas por dia.',
    emergency: 'Se está em perigo agora, diga-me: eu aviso já a polícia (112) e fico em linha consigo.',
  },
  pl: {
    transfer: 'Teraz połączę cię z {service}, ośrodkiem przeciw przemocy dla {comune}. Nie rozłączaj się.',
    transferH24: 'Ośrodek dla {comune} jest teraz zamknięty: połączę cię z {service}, całodobową linią sieci. Nie rozłączaj się.',
    closed: 'Ośrodek dla {comune} to {service}. Teraz jego telefon nie odpowiada: linia telefoniczna będzie znowu czynna {when}.',
    call: 'Możesz zadzwonić pod numer {phone}.',
    callBack: 'Możesz ponownie zadzwonić pod 1522, gdy ośrodek jest otwarty: połączymy cię bezpośrednio.',
    notLinked: 'Ośrodek dla {comune} to {service}.',
    nearest: 'Twoja gmina nie należy do żadnej sieci przeciw przemocy: najbliższa to {network}, około {km} km stąd, z {service}.',
    none: 'Dla twojej gminy nie ma zarejestrowanego lokalnego ośrodka: 1522 jest zawsze do twojej dyspozycji, bezpłatnie, całą dobę.',
    always: 'Numer 1522 jest zawsze do twojej dyspozycji, bezpłatnie, całą dobę.',
    emergency: 'Jeśli teraz grozi ci niebezpieczeństwo, powiedz mi: od razu powiadomię policję (112) i zostanę z tobą na linii.',
  },
  ro: {
    transfer: 'Vă fac acum legătura cu {service}, serviciul împotriva violenței pentru {comune}. Rămâneți pe linie.',
    transferH24: 'Serviciul de referință pentru {comune} este acum închis: vă fac legătura cu {service}, linia rețelei care răspunde 24 de ore din 24. Rămâneți pe linie.',
    closed: 'Serviciul de referință pentru {comune} este {service}. Acum telefonul său nu răspunde: linia telefonică se redeschide {when}.',
    call: 'Îl puteți suna la {phone}.',
    callBack: 'Puteți suna din nou la 1522 cât timp centrul este deschis: vă vom face legătura direct.',
    notLinked: 'Serviciul de referință pentru {comune} este {service}.',
    nearest: 'Comuna dumneavoastră nu este acoperită de o rețea împotriva violenței: cea mai apropiată este {network}, la aproximativ {km} km, cu {service}.',
    none: 'Nu există un serviciu local înregistrat pentru comuna dumneavoastră: 1522 vă stă la dispoziție, gratuit, 24 de ore din 24.',
    always: '1522 vă stă la dispoziție, gratuit, 24 de ore din 24.',
    emergency: 'Dacă sunteți în pericol acum, spuneți-mi: anunț imediat poliția (112) și rămân pe linie cu dumneavoastră.',
  },
  zh: {
    transfer: '我现在为您转接{comune}的反暴力服务机构{service}，请不要挂断。',
    transferH24: '{comune}的反暴力服务机构现在已关闭：我现在为您转接该网络全天24小时开通的热线{service}，请不要挂断。',
    closed: '{comune}的反暴力服务机构是{service}。目前电话无人接听，电话热线将于{when}重新开通。',
    call: '您可以拨打{phone}。',
    callBack: '您可以在中心开放时间再次拨打1522，我们会直接为您转接。',
    notLinked: '{comune}的反暴力服务机构是{service}。',
    nearest: '您所在的市镇不在任何反暴力网络范围内：最近的网络是{network}，距离约{km}公里，服务机构为{service}。',
    none: '您所在的市镇没有登记的当地服务机构：1522 热线始终为您服务，免费且全天24小时开通。',
    always: '1522 热线始终为您服务，免费且全天24小时开通。',
    emergency: '如果您现在有危险，请告诉我：我会立即通知警方（112），并一直在线陪着您。',
  },
};


/** "lunedì 25 novembre alle 09:00" style, in Europe/Rome, in the caller's language. */
/** One formatter per language: building an Intl.DateTimeFormat costs more than using it. */
const whenFormats = new Map<PublicLanguage, Intl.DateTimeFormat>();

export function formatWhen(at: Date, lang: PublicLanguage): string {
  let format = whenFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(publicLanguageLocales[lang], {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Rome',
    });
    whenFormats.set(lang, format);
  }
  return format.format(at);
}

/** What the message may say besides its first sentence. */
export interface MessageOptions {
  /** The referent's public number: absent for a reserved desk (its numbers are for the transfer only). */
  phone?: string | null | undefined;
  /** The referent is closed but 1522 can transfer to it while it is open. */
  callBack?: boolean;
}

/**
 * Fills a message: the sentence; a public phone when there is one (1522
 * otherwise, so there is always a number); "call 1522 back" when the
 * referent is closed and can be transferred to; always the emergency
 * procedure.
 */
export function renderMessage(lang: PublicLanguage, kind: MessageKind, values: Record<string, string | null | undefined>, options: MessageOptions = {}): string {
  const texts = routingMessages[lang];
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => (k === 'phone' ? options.phone : values[k]) ?? '');
  const sentences = [fill(texts[kind])];
  if (kind === 'closed' || kind === 'notLinked' || kind === 'nearest') {
    if (options.phone) sentences.push(fill(texts.call));
    if (kind === 'closed' && options.callBack) sentences.push(texts.callBack);
    else if (!options.phone) sentences.push(texts.always);
  }
  sentences.push(texts.emergency);
  return sentences.join(' ');
}

import type { PublicLanguage } from '../../../shared/directory.js';

/**
 * What the 1522 operator reads out to the caller, in Italian and in the
 * caller's language. Placeholders: {service} the referent, {comune} the
 * caller's comune, {network} the network, {phone} the referent's public
 * number, {when} the next opening, already written in that language.
 */
export type MessageKind = 'transfer' | 'closed' | 'notLinked' | 'nearest' | 'none';

type Texts = Record<MessageKind | 'call' | 'emergency', string>;

export const routingMessages: Record<PublicLanguage, Texts> = {
  it: {
    transfer: 'Ti metto ora in contatto con {service}, il servizio antiviolenza di riferimento per {comune}. Resta in linea.',
    closed: 'Il servizio di riferimento per {comune} è {service}. In questo momento è chiuso: riapre {when}.',
    call: 'Puoi chiamarlo al {phone}.',
    notLinked: 'Il servizio di riferimento per {comune} è {service}.',
    nearest: 'Il tuo comune non è coperto da una rete antiviolenza: la più vicina è {network}, con {service}.',
    none: 'Per il tuo comune non risulta un servizio di riferimento: il 1522 resta a tua disposizione, gratuito e attivo 24 ore su 24.',
    emergency: 'Se sei in pericolo adesso, chiama il 112.',
  },
  en: {
    transfer: 'I am now putting you through to {service}, the anti-violence service for {comune}. Please stay on the line.',
    closed: 'The anti-violence service for {comune} is {service}. It is closed right now and opens again {when}.',
    call: 'You can call it on {phone}.',
    notLinked: 'The anti-violence service for {comune} is {service}.',
    nearest: 'Your comune is not covered by an anti-violence network: the nearest is {network}, with {service}.',
    none: 'There is no local service registered for your comune: 1522 is always here for you, free, 24 hours a day.',
    emergency: 'If you are in danger now, call 112.',
  },
  fr: {
    transfer: 'Je vous mets maintenant en relation avec {service}, le service contre les violences de {comune}. Restez en ligne.',
    closed: 'Le service de référence pour {comune} est {service}. Il est fermé en ce moment et rouvre {when}.',
    call: 'Vous pouvez l’appeler au {phone}.',
    notLinked: 'Le service de référence pour {comune} est {service}.',
    nearest: 'Votre commune n’est couverte par aucun réseau : le plus proche est {network}, avec {service}.',
    none: 'Aucun service local n’est enregistré pour votre commune : le 1522 reste à votre disposition, gratuit, 24 heures sur 24.',
    emergency: 'Si vous êtes en danger maintenant, appelez le 112.',
  },
  es: {
    transfer: 'Ahora te pongo en contacto con {service}, el servicio contra la violencia de {comune}. No cuelgues.',
    closed: 'El servicio de referencia para {comune} es {service}. Ahora está cerrado y vuelve a abrir {when}.',
    call: 'Puedes llamar al {phone}.',
    notLinked: 'El servicio de referencia para {comune} es {service}.',
    nearest: 'Tu municipio no está cubierto por una red contra la violencia: la más cercana es {network}, con {service}.',
    none: 'No hay un servicio local registrado para tu municipio: el 1522 sigue a tu disposición, gratuito, las 24 horas.',
    emergency: 'Si estás en peligro ahora, llama al 112.',
  },
  ar: {
    transfer: 'سأحوّلك الآن إلى {service}، خدمة مناهضة العنف في {comune}. ابقي على الخط.',
    closed: 'الخدمة المرجعية في {comune} هي {service}. إنها مغلقة الآن وتفتح من جديد {when}.',
    call: 'يمكنك الاتصال بها على الرقم {phone}.',
    notLinked: 'الخدمة المرجعية في {comune} هي {service}.',
    nearest: 'بلديتك غير مشمولة بشبكة لمناهضة العنف: أقرب شبكة هي {network}، مع {service}.',
    none: 'لا توجد خدمة محلية مسجلة لبلديتك: الرقم 1522 متاح لك دائمًا، مجانًا وعلى مدار 24 ساعة.',
    emergency: 'إذا كنتِ في خطر الآن، اتصلي بالرقم 112.',
  },
  ro: {
    transfer: 'Vă fac acum legătura cu {service}, serviciul împotriva violenței pentru {comune}. Rămâneți pe linie.',
    closed: 'Serviciul de referință pentru {comune} este {service}. Acum este închis și se redeschide {when}.',
    call: 'Îl puteți suna la {phone}.',
    notLinked: 'Serviciul de referință pentru {comune} este {service}.',
    nearest: 'Comuna dumneavoastră nu este acoperită de o rețea împotriva violenței: cea mai apropiată este {network}, cu {service}.',
    none: 'Nu există un serviciu local înregistrat pentru comuna dumneavoastră: 1522 vă stă la dispoziție, gratuit, 24 de ore din 24.',
    emergency: 'Dacă sunteți în pericol acum, sunați la 112.',
  },
  uk: {
    transfer: 'Зараз я з’єдную вас із {service}, службою протидії насильству для {comune}. Залишайтеся на лінії.',
    closed: 'Служба для {comune} — це {service}. Зараз вона зачинена і знову відкриється {when}.',
    call: 'Ви можете зателефонувати за номером {phone}.',
    notLinked: 'Служба для {comune} — це {service}.',
    nearest: 'Ваша громада не охоплена мережею протидії насильству: найближча — {network}, із {service}.',
    none: 'Для вашої громади не зареєстровано місцевої служби: лінія 1522 завжди до ваших послуг, безкоштовно й цілодобово.',
    emergency: 'Якщо ви зараз у небезпеці, телефонуйте 112.',
  },
  sq: {
    transfer: 'Tani po ju lidh me {service}, shërbimin kundër dhunës për {comune}. Qëndroni në linjë.',
    closed: 'Shërbimi i referimit për {comune} është {service}. Tani është i mbyllur dhe hapet përsëri {when}.',
    call: 'Mund ta telefononi në {phone}.',
    notLinked: 'Shërbimi i referimit për {comune} është {service}.',
    nearest: 'Komuna juaj nuk mbulohet nga një rrjet kundër dhunës: më i afërti është {network}, me {service}.',
    none: 'Nuk ka shërbim vendor të regjistruar për komunën tuaj: 1522 është gjithmonë në dispozicion, falas, 24 orë në ditë.',
    emergency: 'Nëse jeni në rrezik tani, telefononi 112.',
  },
  zh: {
    transfer: '我现在为您转接{comune}的反暴力服务机构{service}，请不要挂断。',
    closed: '{comune}的反暴力服务机构是{service}。目前已关闭，将于{when}重新开放。',
    call: '您可以拨打{phone}。',
    notLinked: '{comune}的反暴力服务机构是{service}。',
    nearest: '您所在的市镇不在任何反暴力网络范围内：最近的网络是{network}，服务机构为{service}。',
    none: '您所在的市镇没有登记的当地服务机构：1522 热线始终为您服务，免费且全天24小时开通。',
    emergency: '如果您现在有危险，请拨打112。',
  },
};

const locales: Record<PublicLanguage, string> = { it: 'it-IT', en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ar: 'ar', ro: 'ro-RO', uk: 'uk-UA', sq: 'sq-AL', zh: 'zh-CN' };

/** "lunedì 25 novembre alle 09:00" style, in Europe/Rome, in the caller's language. */
/** One formatter per language: building an Intl.DateTimeFormat costs more than using it. */
const whenFormats = new Map<PublicLanguage, Intl.DateTimeFormat>();

export function formatWhen(at: Date, lang: PublicLanguage): string {
  let format = whenFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[lang], {
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

/** Fills a message: the sentence, the public phone when there is one, and always 112. */
export function renderMessage(lang: PublicLanguage, kind: MessageKind, values: Record<string, string | null | undefined>): string {
  const texts = routingMessages[lang];
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const sentences = [fill(texts[kind])];
  if (values.phone && (kind === 'closed' || kind === 'notLinked')) sentences.push(fill(texts.call));
  sentences.push(texts.emergency);
  return sentences.join(' ');
}

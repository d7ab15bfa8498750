import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyFormat } from '../../../shared/domain/message';
import { renderMarkdown, sanitiseHtml, type SanitisedBody } from '../../render/sanitise';

interface Props {
  body: string;
  format: BodyFormat;
  allowRemoteImages: boolean;
  /** Called with the number of remote images held back (0 when none or allowed). */
  children?: (blockedImages: number) => React.ReactNode;
}

/**
 * A message body: markdown rendered with marked, or a customer's email HTML, both sanitised
 * (sanitise.ts) before they reach the DOM; remote images stay placeholders until allowed.
 */
export const MessageBody = memo(function MessageBody({ body, format, allowRemoteImages, children }: Props) {
  const { t } = useTranslation();
  const rendered: SanitisedBody = useMemo(() => {
    const options = {
      allowRemoteImages,
      blockedImageText: (alt: string) => (alt ? t('thread.imageBlockedNamed', { alt }) : t('thread.imageBlocked')),
    };
    return format === 'html' ? sanitiseHtml(body, options) : renderMarkdown(body, options);
  }, [body, format, allowRemoteImages, t]);
  return (
    <>
      {/* Sanitised above: no script, handler, unsafe link, form, frame or escaping style survives. */}
      <div className={`message-body rich-body format-${format}`} dangerouslySetInnerHTML={{ __html: rendered.html }} />
      {children?.(rendered.blockedImages)}
    </>
  );
});
